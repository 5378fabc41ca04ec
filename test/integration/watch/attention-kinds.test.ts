import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoOrder, Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, demoOrderAt, startSandbox } from '../../../electron/core/sandbox';
import { isStageable, orderStateAt } from '../../../electron/core/sandbox/lifecycle';
import { fromDemo } from '../../../electron/core/sandbox/state';
import type { AttentionList, AttentionRow, JobView } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { SANDBOX_TEST_NOW } from '../../support/sandbox-client';
import { SHOP_HEADERS, csvOf, inspect, runImport, upload } from '../shop-import/import-support';

const COUNT = 200;
const SEED = 4;
const HOUR = 3_600_000;
const environmentId = 'sandbox';

let sandbox: Sandbox;
let harness: CoreHarness;
const demo = (i: number) => demoOrderAt({ count: COUNT, seed: SEED, now: SANDBOX_TEST_NOW }, i);
const all = () => Array.from({ length: COUNT }, (_, i) => demo(i));

beforeAll(async () => {
  sandbox = await startSandbox({ orders: COUNT, seed: SEED, clock: createSandboxClock({ start: SANDBOX_TEST_NOW }) });
  harness = await startCoreHarness({ sandbox, clock: sandbox.clock, prefetch: false, background: false });
});
afterAll(async () => {
  await harness.close();
  await sandbox.close();
});

const list = () => harness.value<AttentionList>('attention:list', { environmentId });
const rowOf = (rows: AttentionRow[], orderId: string, kind: AttentionRow['kind']) =>
  rows.find((r) => r.orderId === orderId && r.kind === kind);
const get = (o: DemoOrder) =>
  harness.value('orders:get', { environmentId, orderId: o.orderId, userId: o.userId, refresh: true });

async function settled(jobId: string): Promise<JobView> {
  for (;;) {
    const view = await harness.value<JobView>('staging:job', { environmentId, jobId });
    if (view.state !== 'running' && view.state !== 'waiting_for_network') return view;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the needs-attention list, from what the console learned over the sandbox', () => {
  it('lists a dispatch order not staged near its window once its store is known to dispatch, and a staging failure', async () => {
    const now = sandbox.clock.now();
    const stageable = all().filter((o) => isStageable(fromDemo(o), orderStateAt(fromDemo(o), now)));
    const soon = stageable.find(
      (o) =>
        o.windowStart > now &&
        o.windowStart < now + 20 * HOUR &&
        stageable.some((other) => other.locationCode === o.locationCode && other !== o),
    );
    if (!soon) throw new Error('no two stageable orders of one store with a window soon');
    const staged = stageable.find((o) => o.locationCode === soon.locationCode && o !== soon)!;
    const notDispatch = all().find((o) => !o.dispatch && orderStateAt(fromDemo(o), now).status === 'acknowledged')!;
    for (const o of [soon, staged, notDispatch]) await get(o);
    await harness.value('watch:settings-set', { environmentId, settings: { notStagedMinutes: 1440 } });
    // The API does not say which stores dispatch: nothing is listed as not staged yet.
    expect(rowOf((await list()).rows, soon.orderId, 'not_staged')).toBeUndefined();

    const job = await harness.value<JobView>('staging:start', {
      environmentId,
      name: 'Morning',
      rows: [{ orderId: staged.orderId }, { orderId: notDispatch.orderId }],
    });
    const done = await settled(job.jobId);
    expect(done).toMatchObject({ done: 1, failed: 1 });

    const rows = (await list()).rows;
    const notStaged = rowOf(rows, soon.orderId, 'not_staged');
    expect(notStaged?.why).toMatch(/window starts in \d+ min and the order is not staged/);
    expect(rowOf(rows, staged.orderId, 'not_staged')).toBeUndefined();
    expect(rowOf(rows, notDispatch.orderId, 'staging_failed')).toMatchObject({
      cause: job.jobId,
      why: expect.stringContaining('Staging job "Morning" failed'),
    });
    // Staged: the cause is gone, and so is the row.
    await settled(
      (await harness.value<JobView>('staging:start', { environmentId, rows: [{ orderId: soon.orderId }] })).jobId,
    );
    expect(rowOf((await list()).rows, soon.orderId, 'not_staged')).toBeUndefined();
  });

  it('lists an order of the shop export Instacart does not have', async () => {
    const at = (ms: number) => new Date(ms).toISOString();
    const start = sandbox.clock.now() + 24 * HOUR;
    const row = ['SHOP-GONE-1', 'user-x', 'Nadia Flores', '(415) 555-0111', '9 Valencia St', '', '94103', '1001'];
    const csv = csvOf([SHOP_HEADERS, [...row, at(start), at(start + HOUR), 'B-1', '3', '1', '2', '0']]);
    const uploadId = await upload(harness, 'export.csv', Buffer.from(csv));
    const seen = await inspect(harness, uploadId);
    if (!seen.ok) throw new Error(JSON.stringify(seen.error));
    const job = await runImport(harness, uploadId, seen.value.mapping);
    expect(job.counts).toMatchObject({ notFound: 1 });
    expect(rowOf((await list()).rows, 'SHOP-GONE-1', 'not_found')).toMatchObject({
      why: 'The import of export.csv found no such order at Instacart.',
    });
  });
});
