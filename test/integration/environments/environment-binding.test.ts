import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/core/sandbox';
import { DEMO_CREDENTIALS, startSandbox } from '../../../electron/core/sandbox';
import type { JobView } from '../../../shared/contract';
import type { EnvironmentView } from '../../../shared/domain';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import type { StagingSandbox } from '../../support/staging-sandbox';
import { startStagingSandbox } from '../../support/staging-sandbox';

let a: StagingSandbox;
let b: Sandbox;
let harness: CoreHarness;
let other: EnvironmentView;

beforeAll(async () => {
  a = await startStagingSandbox(4);
  b = await startSandbox({ orders: 40, seed: 2 });
  harness = await startCoreHarness({ sandbox: a.sandbox, prefetch: false });
  other = await harness.value<EnvironmentView>('environments:add', {
    name: 'Store 42',
    kind: 'custom',
    baseUrl: b.url,
    clientId: DEMO_CREDENTIALS.clientId,
  });
  await harness.value('environments:set-secret', { id: other.id, secret: DEMO_CREDENTIALS.clientSecret });
});
afterAll(async () => {
  await harness.value('environments:remove', { id: other.id }).catch(() => undefined);
  await harness.close();
  await a.sandbox.close();
  await b.close();
});

const requests = () => ({ a: a.sandbox.counters.totals.requests, b: b.counters.totals.requests });

describe('a call for an environment that is no longer selected', () => {
  it('is refused with environment_changed, naming both environments, and sends nothing anywhere', async () => {
    const [orderId = ''] = a.stageable;
    await harness.value('environments:select', { id: other.id });
    // The switch probes the new environment; wait for that before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = requests();

    const update = await harness.call('orders:update', {
      environmentId: 'sandbox',
      orderId,
      changes: { initial_tip_cents: 300 },
    });
    expect(update).toEqual({
      ok: false,
      error: {
        code: 'environment_changed',
        key: 'environmentId',
        message: 'This screen was for Sandbox; the console now uses Store 42.',
        hint: 'Reload the screen to work in Store 42, or switch back to Sandbox first.',
      },
    });
    const start = await harness.call('staging:start', { environmentId: 'sandbox', rows: [{ orderId }] });
    expect(start).toMatchObject({ ok: false, error: { code: 'environment_changed' } });
    for (const [channel, input] of [
      ['orders:get', { orderId, refresh: true }],
      ['orders:search', { text: '' }],
      ['staging:preview', { source: { kind: 'orders', orderIds: [orderId] } }],
      ['staging:jobs', {}],
    ] as const) {
      const answer = await harness.call(channel, { environmentId: 'sandbox', ...input });
      expect(answer, channel).toMatchObject({ ok: false, error: { code: 'environment_changed' } });
    }

    expect(requests()).toEqual(before);
    expect(a.sandbox.counters.order(orderId)).toEqual({ creates: 0, stages: 0, updates: 0, cancels: 0 });
    expect(b.counters.totals.stages + b.counters.totals.updates).toBe(0);
    const audit = await harness.value<{ total: number }>('audit:list', { action: 'order.tip' });
    expect(audit.total).toBe(0);
  });

  it('a job is only acted on from its own environment', async () => {
    await harness.value('environments:select', { id: 'sandbox' });
    const [orderId = ''] = a.stageable;
    const job = await harness.value<JobView>('staging:start', { environmentId: 'sandbox', rows: [{ orderId }] });
    await harness.value('environments:select', { id: other.id });

    const fromOther = await harness.call('staging:job', { environmentId: other.id, jobId: job.jobId });
    expect(fromOther).toMatchObject({
      ok: false,
      error: { code: 'job_in_other_environment', message: 'This staging job belongs to Sandbox, not Store 42.' },
    });
    const stale = await harness.call('staging:resume', { environmentId: 'sandbox', jobId: job.jobId });
    expect(stale).toMatchObject({ ok: false, error: { code: 'environment_changed' } });
    const listed = await harness.value<JobView[]>('staging:jobs', { environmentId: other.id });
    expect(listed.map((j) => j.jobId)).not.toContain(job.jobId);
    expect(b.counters.totals.stages).toBe(0);
    await harness.value('environments:select', { id: 'sandbox' });
  });
});
