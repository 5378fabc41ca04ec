import type { BatchSummary, LineError } from '../../../shared/contract';
import { isCoreError } from '../core-error';
import { LineErrors } from '../csv/line-errors';

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
  /** Errors found before the batch ran (unreadable lines), reported with the others under one cap. */
  earlierErrors?: LineErrors;
  /** Stops taking new items (the console is closing); items under way finish or fail on their own. */
  signal?: AbortSignal;
}

function lineError(item: BatchItem, error: unknown): Omit<LineError, 'line'> {
  const appError = isCoreError(error) ? error.appError : undefined;
  const message = appError
    ? `${appError.message}${appError.hint ? ` ${appError.hint}` : ''}`
    : `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
  return { orderId: item.orderId, message };
}

/** The kind of a failure, for the count of those not listed. */
function kindOf(error: unknown): string {
  return isCoreError(error) ? error.appError.message.replace(/\S*\d\S*/g, '…') : 'Unexpected failure';
}

/** Runs items with bounded concurrency; one item's failure is recorded against its line and the rest go on. */
export async function runBatch<T extends BatchItem>(options: BatchOptions<T>): Promise<BatchSummary> {
  const failed = options.earlierErrors ?? new LineErrors();
  const earlier = failed.total;
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
        failed.add(kindOf(error), item.line, () => lineError(item, error));
      }
      done++;
      if (!options.signal?.aborted) options.onProgress?.(done, itemFailures);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, options.items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return {
    total: options.items.length + earlier,
    succeeded: done - itemFailures,
    failed: failed.list(),
  };
}
