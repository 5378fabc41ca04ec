import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../electron/core/core-error';
import { progressReporter } from '../../../electron/core/orders/progress';
import { runBatch } from '../../../electron/core/orders/run-batch';
import type { ProgressEvent } from '../../../shared/contract';
import { MAX_LINE_ERRORS } from '../../../shared/limits';
import { LineErrors } from '../../../electron/core/csv/line-errors';

function unreadableFirstLine(): LineErrors {
  const errors = new LineErrors();
  errors.add('unreadable', 1, () => ({ message: 'unreadable' }));
  return errors;
}

describe('batches', () => {
  it('never runs more items at once than allowed, and reports failures by line with their hint', async () => {
    let running = 0;
    let peak = 0;
    const progress: number[] = [];
    const summary = await runBatch({
      items: Array.from({ length: 20 }, (_, i) => ({ line: i + 2, orderId: `o${i}` })),
      concurrency: 3,
      earlierErrors: unreadableFirstLine(),
      onProgress: (done) => progress.push(done),
      run: async ({ orderId }) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running--;
        if (orderId === 'o4') throw new CoreError({ code: 'not_found', message: 'No such order.', hint: 'Check it.' });
      },
    });
    expect(peak).toBe(3);
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(summary).toEqual({
      total: 21,
      succeeded: 19,
      failed: [
        { line: 1, message: 'unreadable' },
        { line: 6, orderId: 'o4', message: 'No such order. Check it.' },
      ],
    });
  });

  it('lists at most MAX_LINE_ERRORS failures, then one entry counting the others by kind', async () => {
    const items = Array.from({ length: MAX_LINE_ERRORS + 200 }, (_, i) => ({ line: i + 1, orderId: `o${i}` }));
    const summary = await runBatch({
      items,
      concurrency: 4,
      run: async ({ orderId }) => {
        throw new CoreError({ code: 'not_found', message: `No order ${orderId} here.`, hint: 'Check it.' });
      },
    });
    expect(summary).toMatchObject({ total: MAX_LINE_ERRORS + 200, succeeded: 0 });
    expect(summary.failed).toHaveLength(MAX_LINE_ERRORS + 1);
    expect(summary.failed[0]).toEqual({ line: 1, orderId: 'o0', message: 'No order o0 here. Check it.' });
    expect(summary.failed.at(-1)).toMatchObject({ line: MAX_LINE_ERRORS + 1, omitted: 200 });
    expect(summary.failed.at(-1)?.message).toContain('200 more lines like these, not listed: "No order … here." (200)');
  });

  it('stops taking new items once cancelled, and reports no progress after', async () => {
    const controller = new AbortController();
    const started: string[] = [];
    const progress: number[] = [];
    const summary = await runBatch({
      items: Array.from({ length: 10 }, (_, i) => ({ line: i + 1, orderId: `o${i}` })),
      concurrency: 2,
      signal: controller.signal,
      onProgress: (done) => progress.push(done),
      run: async ({ orderId }) => {
        started.push(orderId);
        if (started.length === 3) controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
    });
    expect(started).toEqual(['o0', 'o1', 'o2']);
    expect(progress).toEqual([1]);
    expect(summary).toMatchObject({ total: 10, succeeded: 3, failed: [] });
  });

  it('sends progress at most every 100 ms, but always the start and the end', () => {
    let now = 0;
    const sent: ProgressEvent[] = [];
    const report = progressReporter(
      (_name, payload) => void sent.push(payload as ProgressEvent),
      { now: () => now },
      'refresh',
      5,
    );
    report(1, 0);
    now += 50;
    report(2, 0);
    now += 60;
    report(3, 1);
    report(4, 1);
    report(5, 1);
    expect(sent.map((e) => e.done)).toEqual([0, 1, 3, 5]);
    expect(sent.at(-1)).toEqual({ operation: 'refresh', done: 5, failed: 1, total: 5 });
  });
});
