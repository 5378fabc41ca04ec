import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, demoOrderAt, startSandbox } from '../../../electron/core/sandbox';
import { orderStateAt } from '../../../electron/core/sandbox/lifecycle';
import { fromDemo } from '../../../electron/core/sandbox/state';
import type { AttentionList, AuditEntry, OrderDetail, OrderStatusEvent } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { SANDBOX_TEST_NOW } from '../../support/sandbox-client';
import { tempDir } from '../../support/temp-dir';

const COUNT = 200;
const SEED = 3;
const HOUR = 3_600_000;
const environmentId = 'sandbox';

let sandbox: Sandbox;
let dir: ReturnType<typeof tempDir>;
let harness: CoreHarness;

const demo = (index: number) => demoOrderAt({ count: COUNT, seed: SEED, now: SANDBOX_TEST_NOW }, index);
const statusAt = (index: number, t: number) => orderStateAt(fromDemo(demo(index)), t).status;
/** The first demo order whose status at `now` is not final and differs two hours on. */
function movingOrder(now: number): number {
  for (let i = 0; i < COUNT; i++) {
    const before = statusAt(i, now);
    if (before !== 'canceled' && before !== 'delivered' && statusAt(i, now + 2 * HOUR) !== before) return i;
  }
  throw new Error('no demo order moves on in the next two hours');
}

const open = (config = {}) =>
  startCoreHarness({
    dataDir: dir.path,
    sandbox,
    clock: sandbox.clock,
    prefetch: false,
    watch: { idleMs: 50, noticeEveryMs: 200 },
    ...config,
  });

async function until<T>(what: string, probe: () => T | undefined | null | false, ms = 8_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  // Real time, shifted to the test's moment: the limiter and the watcher's pacing need time to pass.
  sandbox = await startSandbox({ orders: COUNT, seed: SEED, clock: createSandboxClock({ start: SANDBOX_TEST_NOW }) });
  dir = tempDir('lastmile-watch-');
  harness = await open();
});
afterAll(async () => {
  await harness?.close().catch(() => undefined);
  await sandbox.close();
  dir.remove();
});

describe('live status over the sandbox and a real cache file', () => {
  it('refreshes a watched order in the background once the sandbox moves it on, and says so', async () => {
    const index = movingOrder(sandbox.clock.now());
    const { orderId, userId } = demo(index);
    const first = await harness.value<OrderDetail>('orders:get', { environmentId, orderId, userId, refresh: true });
    const before = first.order.status;
    await harness.value('watch:set', { environmentId, orderId, watched: true });
    expect(await harness.value('watch:state', { environmentId, orderId })).toEqual({ watched: true });

    sandbox.clock.advance(2 * HOUR);
    const after = statusAt(index, sandbox.clock.now());
    const seen = await until('the watcher to tell the new status', () =>
      harness.events.find((e) => e.name === 'watch:order' && (e.payload as OrderStatusEvent).orderId === orderId),
    );
    expect(seen.payload).toEqual({ environmentId, orderId, status: after, previousStatus: before, watched: true });
    const notice = await until('a desktop notice', () => harness.events.find((e) => e.name === 'watch:notice'));
    expect(notice.payload).toMatchObject({ environmentId, orderId, body: expect.stringContaining(orderId) });
    // Through the Refresh button's path: the cache and its history hold the change.
    const cached = await harness.value<OrderDetail>('orders:get', { environmentId, orderId });
    expect(cached.order.status).toBe(after);
    expect(cached.events).toContainEqual(expect.objectContaining({ kind: 'status', from: before, to: after }));
  });

  it('gets a watched order no more often than the floor', async () => {
    const index = movingOrder(sandbox.clock.now());
    const { orderId, userId } = demo(index);
    await harness.value('orders:get', { environmentId, orderId, userId, refresh: true });
    await harness.value('watch:set', { environmentId, orderId, watched: true });
    const gets = () => sandbox.counters.snapshot().totals.requests;
    sandbox.clock.advance(61_000);
    const start = gets();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // At its share (a fifth of 8/s) the watcher would send about 5 in 3 s; the floor lets each watched order go once.
    expect(gets() - start).toBeLessThanOrEqual(2);
  });

  it('lists a canceled order with its reason until acknowledged, and audits the acknowledgement', async () => {
    const now = sandbox.clock.now();
    const index = [...Array(COUNT).keys()].find(
      (i) => statusAt(i, now) === 'canceled' && Math.abs(demo(i).windowStart - now) < 23 * HOUR,
    );
    if (index === undefined) throw new Error('no canceled demo order near now');
    const { orderId, userId, cancellationReason } = demo(index);
    await harness.value('orders:get', { environmentId, orderId, userId, refresh: true });
    const list = await harness.value<AttentionList>('attention:list', { environmentId });
    const row = list.rows.find((r) => r.orderId === orderId);
    expect(row).toMatchObject({ kind: 'canceled', cause: cancellationReason, status: 'canceled' });
    expect(row!.why).toContain(cancellationReason!.replaceAll('_', ' '));
    const acked = await harness.value<AttentionList>('attention:ack', {
      environmentId,
      orderId,
      kind: 'canceled',
      cause: row!.cause,
    });
    expect(acked.rows.find((r) => r.orderId === orderId)).toBeUndefined();
    expect(acked.total).toBe(list.total - 1);
    const audit = await harness.value<{ rows: AuditEntry[] }>('audit:list', { action: 'attention.ack' });
    expect(audit.rows).toContainEqual(
      expect.objectContaining({ orderId, request: { kind: 'canceled', cause: row!.cause } }),
    );
  });

  it('lists an order still delivering after its window as late, and drops it once delivered', async () => {
    const late = [...Array(COUNT).keys()].find(
      (i) =>
        demo(i).lateMinutes !== null &&
        (!demo(i).dispatch || demo(i).stagedAt !== null) &&
        demo(i).windowEnd > sandbox.clock.now(),
    );
    if (late === undefined) throw new Error('no late demo order ahead');
    // Five minutes after its window: the sandbox has it still delivering.
    sandbox.clock.set(demo(late).windowEnd + 5 * 60_000);
    expect(statusAt(late, sandbox.clock.now())).toBe('delivering');
    const { orderId, userId, lateMinutes } = demo(late);
    await harness.value('orders:get', { environmentId, orderId, userId, refresh: true });
    const list = await harness.value<AttentionList>('attention:list', { environmentId });
    const row = list.rows.find((r) => r.orderId === orderId);
    expect(row).toMatchObject({ kind: 'late', status: 'delivering' });
    expect(row!.why).toMatch(/window ended \d+ min ago and the order is still delivering/);
    // Once the sandbox delivers it and a get learns so, the cause is gone and so is the row.
    sandbox.clock.advance(lateMinutes! * 60_000);
    await harness.value('orders:get', { environmentId, orderId, refresh: true });
    const after = await harness.value<AttentionList>('attention:list', { environmentId });
    expect(after.rows.find((r) => r.orderId === orderId)).toBeUndefined();
  });

  it('keeps watched orders across a restart', async () => {
    const watched = harness.core.services.live!.watcher;
    expect(watched.sent).toBeGreaterThan(0);
    const { orderId } = demo(movingOrder(SANDBOX_TEST_NOW));
    await harness.close();
    harness = await open();
    expect(await harness.value('watch:state', { environmentId, orderId })).toEqual({ watched: true });
    await harness.value('watch:set', { environmentId, orderId, watched: false });
    expect(await harness.value('watch:state', { environmentId, orderId })).toEqual({ watched: false });
  });
});
