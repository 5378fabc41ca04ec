import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITER } from '../../../electron/core/connect/adaptive-limiter';
import type { Sandbox } from '../../../electron/core/sandbox';
import { startSandbox } from '../../../electron/core/sandbox';
import type { BatchSummary } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';

let sandbox: Sandbox;
let harness: CoreHarness;

beforeAll(async () => {
  sandbox = await startSandbox({ orders: 20, seed: 2 });
  harness = await startCoreHarness({
    sandbox,
    prefetch: false,
    background: false,
    limiter: { ...DEFAULT_LIMITER, initialRate: 4, maxRate: 4 },
  });
});
afterAll(async () => {
  await harness.close();
  await sandbox.close();
});

describe("a refresh of many orders under the environment's shared limiter", () => {
  it('keeps to the rate the limiter allows, whatever its own concurrency', async () => {
    const orderIds = sandbox
      .demoOrders()
      .slice(0, 9)
      .map((o) => o.orderId);
    const started = Date.now();
    const summary = await harness.value<BatchSummary>('orders:refresh', { environmentId: 'sandbox', orderIds });
    const elapsed = Date.now() - started;
    expect(summary).toMatchObject({ total: 9, succeeded: 9 });
    // Nine gets at 4 a second: eight gaps of 250 ms.
    expect(elapsed).toBeGreaterThanOrEqual(8 * 250 - 50);
  });
});
