import type { LineError } from '../../../shared/contract';
import type { BatchSummary } from '../../../shared/contract';
import { isCoreError } from '../core-error';

export interface BatchItem {
  /** Line in the user's file (or position in the list), for error reports. */
  line: number;
  orderId: string;
}

export interface BatchOptions<T extends BatchItem> {
  items: readonly T[];
  /** Items worked on at once: enough to hide network latency, few enough not to trip the rate limit. */
  concurrency: number;
  run: (item: T) => Promise<void>;
  /** Told after each item; throttling is the caller's business. */
  onProgress?: (done: number, failed: number) => void;
  /** Errors found before the batch ran (unreadable lines), reported with the others. */
  earlierErrors?: LineError[];
  /** Stops taking new items (the console is closing); items under way finish or fail on their own. */
  signal?: AbortSignal;
}

function lineError(item: BatchItem, error: unknown): LineError {
  const appError = isCoreError(error) ? error.appError : undefined;
  const message = appError
    ? `${appError.message}${appError.hint ? ` ${appError.hint}` : ''}`
    : `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
  return { line: item.line, orderId: item.orderId, message };
}

/** Runs items with bounded concurrency; one item's failure is recorded against its line and the rest go on. */
export async function runBatch<T extends BatchItem>(options: BatchOptions<T>): Promise<BatchSummary> {
  const failed: LineError[] = [...(options.earlierErrors ?? [])];
  let next = 0;
  let done = 0;
  let itemFailures = 0;
  const worker = async () => {
    for (let index = next++; index < options.items.length && !options.signal?.aborted; index = next++) {
      const item = options.items[index]!;
      try {
        await options.run(item);
      } catch (error) {
        itemFailures++;
        failed.push(lineError(item, error));
      }
      done++;
      if (!options.signal?.aborted) options.onProgress?.(done, itemFailures);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, options.items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  failed.sort((a, b) => a.line - b.line);
  return {
    total: options.items.length + (options.earlierErrors?.length ?? 0),
    succeeded: done - itemFailures,
    failed,
  };
}
