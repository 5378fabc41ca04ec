import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseOrderIdCsv } from '../../electron/core/csv/csv-import';
import { fileText } from '../../electron/core/csv/file-text';
import { previewSheet } from '../../electron/core/staging/staging-preview';

/**
 * Reading the largest sheets the contract lets in (just under 20 MB): how long the longest block of the
 * event loop lasts while one is read (target 100 ms: other calls wait at most that), the time it takes,
 * the answer's size and the peak memory. BENCH_SHEET_LINES sets the number of lines (default 1,600,000).
 */
const LINES = Number(process.env.BENCH_SHEET_LINES ?? 1_600_000);
const TARGET_BLOCK_MS = 100;

async function measure(name: string, read: () => Promise<unknown>): Promise<boolean> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const started = performance.now();
  delay.enable();
  const answer = await read();
  delay.disable();
  const seconds = (performance.now() - started) / 1000;
  // The histogram is in nanoseconds and includes the 10 ms sampling interval itself.
  const longestMs = delay.max / 1e6;
  const size = JSON.stringify(answer).length;
  const met = longestMs <= TARGET_BLOCK_MS;
  process.stdout.write(
    `${name}: longest event-loop block ${longestMs.toFixed(1)} ms (target ${TARGET_BLOCK_MS} ms: ${met ? 'met' : 'NOT met'}), ` +
      `${seconds.toFixed(1)} s, answer ${(size / 1024).toFixed(0)} KB, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
  );
  return met;
}

const duplicates = `order_id,bags_count\n${'LM1234567,1\n'.repeat(LINES)}`;
const distinct = Array.from({ length: LINES }, (_, i) => `LM${String(i).padStart(9, '0')}`).join('\n');
const utf16 = Buffer.from(`order_id\tbags_count\r\n${'LM1234567\t1\r\n'.repeat(LINES / 2)}`, 'utf16le');
process.stdout.write(`Sheets of ${LINES.toLocaleString('en-US')} lines (${(duplicates.length / 1e6).toFixed(1)} MB)\n`);

const results = [
  await measure('staging sheet, every line the same order', () => previewSheet(duplicates, {})),
  await measure('staging sheet as a UTF-16 file (half the lines)', async () =>
    previewSheet(await fileText({ kind: 'csv-file', name: 'sheet.txt', base64: utf16.toString('base64') }), {}),
  ),
  await measure('order-id import file, every id distinct', async () => {
    const { rows, errors } = await parseOrderIdCsv(distinct);
    return { rows: rows.length, errors: errors.list() };
  }),
];
process.exit(results.every(Boolean) ? 0 : 1);
