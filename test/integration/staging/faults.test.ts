import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import type { StagingSandbox } from '../../support/staging-sandbox';
import { startStagingSandbox } from '../../support/staging-sandbox';

const ORDERS = 500;
const FAULTS = {
  latencyMs: 5,
  error500: 0.1,
  error429: 0.05,
  wait2003: 0.02,
  wait2003Seconds: 1,
  dropConnection: 0.01,
  malformedJson: 0.01,
  seed: 7,
};

let env: StagingSandbox;
let harness: CoreHarness;
beforeAll(async () => {
  env = await startStagingSandbox(ORDERS, { faults: FAULTS });
  harness = await startCoreHarness({ sandbox: env.sandbox });
});
afterAll(async () => {
  await harness.close();
  await env.sandbox.close();
});

describe('bulk staging on a faulty API (10% 500, 5% 429, 2% 2003 with a wait, 1% dropped, 1% malformed)', () => {
  it('ends with every order staged exactly once or reported with a clear reason, none staged twice', async () => {
    const rows = env.stageable.map((orderId, i) => ({ orderId, line: i + 2, bags_count: 1 }));
    const job = await harness.value<JobView>('staging:start', { environmentId: 'sandbox', rows, name: 'faulty' });
    let view = job;
    while (view.state === 'running' || view.state === 'waiting_for_network') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      view = await harness.value<JobView>('staging:job', { environmentId: 'sandbox', jobId: job.jobId });
    }
    expect(view.state).toBe('finished');
    expect(view.done + view.failed).toBe(ORDERS);
    for (const item of view.items) {
      const stages = env.sandbox.counters.order(item.orderId).stages;
      if (item.state === 'done') {
        expect(stages, item.orderId).toBe(1);
      } else {
        expect(item.state, item.orderId).toBe('failed');
        expect(stages, `${item.orderId} reported failed but staged`).toBe(0);
        expect(item.error?.message, item.orderId).toBeTruthy();
        expect(item.error?.hint, item.orderId).toBeTruthy();
      }
    }
    expect(env.audit([]).doubled).toEqual([]);

    // The faults did strike, and the lost answers were settled by a look-up rather than a second stage.
    const { totals } = env.sandbox.counters;
    expect(env.sandbox.counters.statusCount(500)).toBeGreaterThan(20);
    expect(env.sandbox.counters.statusCount(429)).toBeGreaterThan(5);
    expect(env.sandbox.counters.statusCount(503)).toBe(0);
    expect(totals.dropped).toBeGreaterThan(0);
    expect(totals.malformed).toBeGreaterThan(0);
    expect(view.items.filter((i) => i.note?.includes('look-up confirmed')).length).toBeGreaterThan(0);
    expect(view.items.filter((i) => i.attempts > 1).length).toBeGreaterThan(10);
  });
});
