import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../electron/core/cache/cache';
import type { JobProgress, JobView, StagePreview } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import type { StagingSandbox } from '../../support/staging-sandbox';
import { startStagingSandbox } from '../../support/staging-sandbox';

let env: StagingSandbox;
let harness: CoreHarness;

beforeAll(async () => {
  env = await startStagingSandbox(60, { faults: { latencyMs: 5 } });
  harness = await startCoreHarness({ sandbox: env.sandbox, prefetch: false, staging: { progressEveryMs: 50 } });
});
afterAll(async () => {
  await harness.close();
  await env.sandbox.close();
});

const progressOf = (jobId: string) =>
  harness.events
    .filter((e) => e.name === 'staging:progress')
    .map((e) => e.payload as JobProgress)
    .filter((p) => p.jobId === jobId);

async function settled(jobId: string): Promise<JobView> {
  for (;;) {
    const view = await harness.value<JobView>('staging:job', { environmentId: 'sandbox', jobId });
    if (view.state !== 'running' && view.state !== 'waiting_for_network') return view;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('staging channels, through the dispatcher, against the sandbox', () => {
  it('CSV in, preview, start, progress events, a failure shown, retry failed, report out', async () => {
    const [a, b, c, d] = env.stageable as [string, string, string, string];
    const delivery = env.notDispatch[0]!;
    const csv = [
      'order_id,bags_count,bag_label',
      `${a},2,A1`,
      `${b},,B2`,
      `${c},x,C3`, // bad count: reported, not staged
      `${delivery},1,D`, // not a dispatch order: fails with the reason
      `NOPE-404,1,E`, // unknown: fails with the reason
      `${a},9,again`, // duplicate
      `${d},1,Z`,
    ].join('\r\n');
    const preview = await harness.value<StagePreview>('staging:preview', {
      environmentId: 'sandbox',
      source: { kind: 'csv', csv },
      defaults: { bags_count: 1, items_count: 4 },
    });
    expect(preview.rows.map((r) => r.orderId)).toEqual([a, b, delivery, 'NOPE-404', d]);
    expect(preview.rows[1]).toEqual({ orderId: b, line: 3, bags_count: 1, items_count: 4, bag_label: 'B2' });
    expect(preview.errors.map((e) => e.line)).toEqual([4, 7]);

    const started = await harness.value<JobView>('staging:start', {
      environmentId: 'sandbox',
      rows: preview.rows,
      name: 'Shift change',
    });
    expect(started).toMatchObject({ name: 'Shift change', environmentId: 'sandbox', total: 5 });
    const finished = await settled(started.jobId);
    expect(finished).toMatchObject({ state: 'finished', done: 3, failed: 2, remaining: 0 });
    const byId = new Map(finished.items.map((i) => [i.orderId, i]));
    expect(byId.get(a)).toMatchObject({ state: 'done', orderStatus: 'staged', attempts: 1, error: null });
    expect(byId.get(delivery)).toMatchObject({ state: 'failed', error: { code: 'not_stageable' } });
    expect(byId.get(delivery)?.error?.hint).toMatch(/dispatch/);
    expect(byId.get('NOPE-404')?.error?.message).toMatch(/no order NOPE-404 in this environment/);
    expect(env.audit([a, b, d])).toEqual({ doubled: [], missing: [] });
    expect(env.sandbox.counters.order(a)).toMatchObject({ stages: 1 });

    const events = progressOf(started.jobId);
    expect(events.at(-1)).toMatchObject({ state: 'finished', done: 3, failed: 2, remaining: 0, etaSeconds: 0 });
    expect(events[0]).toMatchObject({ state: 'running', total: 5 });

    // Both failures are for good (not a dispatch order, no such order): a retry would send nothing useful.
    const again = await harness.call('staging:retry-failed', { environmentId: 'sandbox', jobId: started.jobId });
    expect(again).toMatchObject({ ok: false, error: { code: 'nothing_retryable' } });
    expect(env.audit([a, b, d]).doubled).toEqual([]);

    // The same sheet again: the cache and the finished job say what cannot be staged; each can be put back.
    const known = await harness.value<StagePreview>('staging:preview', {
      environmentId: 'sandbox',
      source: { kind: 'csv', csv },
      defaults: {},
    });
    expect(known.rows.map((r) => r.orderId)).toEqual(['NOPE-404']);
    const left = new Map(known.excluded.map((order) => [order.orderId, order]));
    expect(left.get(a)?.reason).toMatch(/^Already staged, by the cache/);
    expect(left.get(a)?.row).toMatchObject({ orderId: a, bags_count: 2, bag_label: 'A1' });
    expect(left.get(delivery)?.reason).toMatch(/^Not a dispatch order.*refused to stage it in an earlier job/);

    const report = await harness.value<{ csv: string; rowCount: number }>('staging:report-csv', {
      environmentId: 'sandbox',
      jobId: started.jobId,
    });
    expect(report.rowCount).toBe(5);
    const lines = report.csv.trim().split('\n');
    expect(lines[0]).toBe(
      'order_id,line,result,order_status,attempts,bags_count,items_count,items_weight,bag_label,note,error,what_to_do',
    );
    expect(lines[1]).toBe(`${a},2,staged,staged,1,2,4,,A1,,,`);
    expect(lines.find((l) => l.startsWith('NOPE-404'))).toMatch(/^NOPE-404,6,failed,,\d+,1,4,,E,,/);

    const audit = await harness.value<{ rows: { action: string; orderId: string | null; outcome: string }[] }>(
      'audit:list',
      { action: 'order.stage', limit: 500 },
    );
    expect(audit.rows.filter((r) => r.orderId === a)).toEqual([expect.objectContaining({ outcome: 'ok' })]);
    expect(audit.rows.filter((r) => r.orderId === delivery).every((r) => r.outcome === 'error')).toBe(true);
    const search = await harness.value<{ rows: { orderId: string; status: string; bagLabel: string | null }[] }>(
      'orders:search',
      { environmentId: 'sandbox', text: a },
    );
    expect(search.rows[0]).toMatchObject({ orderId: a, status: 'staged', bagLabel: 'A1' });
  });

  it('fails an order the API asks to wait for too long, and "retry failed" stages it later', async () => {
    const rows = env.stageable.slice(5, 8).map((orderId) => ({ orderId }));
    env.sandbox.setFaults({ wait2003: 1, wait2003Seconds: 600 });
    let job: JobView;
    try {
      job = await harness.value<JobView>('staging:start', { environmentId: 'sandbox', rows });
      job = await settled(job.jobId);
    } finally {
      env.sandbox.setFaults({ wait2003: 0 });
    }
    expect(job).toMatchObject({ state: 'finished', done: 0, failed: 3 });
    expect(job.items[0]?.error).toMatchObject({ code: 'api_busy', apiCode: 2003, waitSeconds: 600 });
    expect(job.items[0]?.error?.hint).toMatch(/wait until the time shown/);
    await harness.value('staging:retry-failed', { environmentId: 'sandbox', jobId: job.jobId });
    const retried = await settled(job.jobId);
    expect(retried).toMatchObject({ state: 'finished', done: 3, failed: 0 });
    expect(env.audit(rows.map((r) => r.orderId))).toEqual({ doubled: [], missing: [] });
  });

  it('previews a selection (reporting repeats) and a store window from the cache', async () => {
    const e = env.stageable[10]!;
    const picked = await harness.value<StagePreview>('staging:preview', {
      environmentId: 'sandbox',
      source: { kind: 'orders', orderIds: [e, ` ${e} `, 'LM-OTHER'] },
    });
    expect(picked.rows).toEqual([
      { orderId: e, line: 1 },
      { orderId: 'LM-OTHER', line: 3 },
    ]);
    expect(picked.errors).toEqual([{ line: 2, orderId: e, message: expect.stringMatching(/picked twice/) as string }]);
    const window = await harness.value<StagePreview>('staging:preview', {
      environmentId: 'sandbox',
      source: {
        kind: 'store-window',
        locationCode: 'nowhere',
        from: '2026-01-01T00:00:00Z',
        to: '2027-01-01T00:00:00Z',
      },
    });
    expect(window).toEqual({ rows: [], errors: [], excluded: [] });

    // Orders the console created for store S9 (a second connection to the same file, as another window would).
    const cache = openCache(join(harness.dataDir, 'lastmile.db'));
    const cached = (id: string, status: string, start: string) =>
      cache.orders.recordApiOrder(
        'sandbox',
        { id, status, fulfillment_details: { store_location: 'S9', window_starts_at: start, window_ends_at: start } },
        { source: 'create', known: { bag_label: `L-${id}`, bags_count: 3 } },
      );
    cached('W1', 'acknowledged', '2026-11-23T18:00:00Z');
    cached('W2', 'staged', '2026-11-23T18:30:00Z');
    cached('W3', 'brand_new', '2026-11-23T19:00:00Z');
    cached('W4', 'acknowledged', '2026-11-24T19:00:00Z'); // outside the window
    cached('W5', 'canceled', '2026-11-23T20:00:00Z');
    cache.close();
    const store = await harness.value<StagePreview>('staging:preview', {
      environmentId: 'sandbox',
      source: { kind: 'store-window', locationCode: 'S9', from: '2026-11-23T00:00:00Z', to: '2026-11-24T00:00:00Z' },
      defaults: { items_count: 7, bags_count: 1 },
    });
    expect(store.rows).toEqual([
      { orderId: 'W1', line: 1, bag_label: 'L-W1', bags_count: 3, items_count: 7 },
      { orderId: 'W3', line: 2, bag_label: 'L-W3', bags_count: 3, items_count: 7 },
    ]);
    expect(store.excluded).toEqual([
      { orderId: 'W2', reason: expect.stringMatching(/cached status is staged/) as string },
      { orderId: 'W5', reason: expect.stringMatching(/cached status is canceled/) as string },
    ]);
  });

  it('refuses what cannot be done, saying what to do', async () => {
    const repeated = await harness.call('staging:start', {
      environmentId: 'sandbox',
      rows: [{ orderId: 'X' }, { orderId: 'X' }],
    });
    expect(repeated).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!repeated.ok && repeated.error.hint).toMatch(/remove the repeated rows/);
    const missing = await harness.call('staging:pause', { environmentId: 'sandbox', jobId: 'no-such-job' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'job_not_found' } });
    const jobs = await harness.value<JobProgress[]>('staging:jobs', { environmentId: 'sandbox' });
    const finished = jobs.find((j) => j.state === 'finished')!;
    const resumed = await harness.call('staging:resume', { environmentId: 'sandbox', jobId: finished.jobId });
    expect(resumed).toMatchObject({ ok: false, error: { code: 'job_finished' } });
  });

  it('pauses, resumes and cancels; a canceled job reports the orders it did not send', async () => {
    env.sandbox.setFaults({ latencyMs: 40 });
    try {
      const rows = env.stageable.slice(20, 50).map((orderId) => ({ orderId }));
      const job = await harness.value<JobView>('staging:start', { environmentId: 'sandbox', rows });
      await harness.value('staging:pause', { environmentId: 'sandbox', jobId: job.jobId });
      const paused = await settled(job.jobId);
      expect(paused.state).toBe('paused');
      expect(paused.items.some((i) => i.state === 'in_flight' || i.state === 'unknown')).toBe(false);
      const doneWhenPaused = paused.done;
      expect(doneWhenPaused).toBeLessThan(30);
      await harness.value('staging:resume', { environmentId: 'sandbox', jobId: job.jobId });
      await harness.value('staging:cancel', { environmentId: 'sandbox', jobId: job.jobId });
      const canceled = await settled(job.jobId);
      expect(canceled.state).toBe('canceled');
      expect(env.audit(canceled.items.filter((i) => i.state === 'done').map((i) => i.orderId)).doubled).toEqual([]);
      const report = await harness.value<{ csv: string }>('staging:report-csv', {
        environmentId: 'sandbox',
        jobId: job.jobId,
      });
      if (canceled.done < 30) expect(report.csv).toContain('not sent (job canceled)');
    } finally {
      env.sandbox.setFaults({ latencyMs: 5 });
    }
  });

  it('keeps every job in the history until it is removed, and never removes a running one', async () => {
    const rows = env.stageable.slice(40, 44).map((orderId) => ({ orderId }));
    env.sandbox.setFaults({ latencyMs: 300 });
    let job: JobView;
    try {
      job = await harness.value<JobView>('staging:start', { environmentId: 'sandbox', rows, name: 'To remove' });
      const refused = await harness.call('staging:remove-job', { environmentId: 'sandbox', jobId: job.jobId });
      expect(refused).toMatchObject({ ok: false, error: { code: 'job_running' } });
      const runningNow = await harness.value<JobProgress[]>('staging:jobs', {
        environmentId: 'sandbox',
        running: true,
      });
      expect(runningNow.map((j) => [j.jobId, j.state])).toEqual([[job.jobId, 'running']]);
      job = await settled(job.jobId);
      expect(await harness.value('staging:jobs', { environmentId: 'sandbox', running: true })).toEqual([]);
    } finally {
      env.sandbox.setFaults({ latencyMs: 5 });
    }
    const listed = await harness.value<JobProgress[]>('staging:jobs', { environmentId: 'sandbox' });
    expect(listed.find((j) => j.jobId === job.jobId)).toMatchObject({ name: 'To remove', state: 'finished', done: 4 });
    expect(listed.length).toBeGreaterThan(3);
    await harness.value('staging:remove-job', { environmentId: 'sandbox', jobId: job.jobId });
    const after = await harness.value<JobProgress[]>('staging:jobs', { environmentId: 'sandbox' });
    expect(after.map((j) => j.jobId)).not.toContain(job.jobId);
    expect(after).toHaveLength(listed.length - 1);
    const gone = await harness.call('staging:report-csv', { environmentId: 'sandbox', jobId: job.jobId });
    expect(gone).toMatchObject({ ok: false, error: { code: 'job_not_found' } });
  });
});
