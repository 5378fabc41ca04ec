import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectClient } from '../../../electron/core/connect/connect-client';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import type { AuditEntry, OrderDetail } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { SANDBOX_TEST_NOW, bookableRequest } from '../../support/sandbox-client';

let sandbox: Sandbox;
let harness: CoreHarness;
let direct: ConnectClient;

beforeAll(async () => {
  sandbox = await startSandbox({
    orders: 10,
    seed: 5,
    clock: createSandboxClock({ start: SANDBOX_TEST_NOW, frozen: true }),
  });
  harness = await startCoreHarness({ sandbox, clock: sandbox.clock, prefetch: false });
  direct = new ConnectClient({ baseUrl: sandbox.url, credentials: async () => sandbox.credentials });
});
afterAll(async () => {
  await harness.close();
  await sandbox.close();
});

const audit = async () => (await harness.value<{ rows: AuditEntry[] }>('audit:list', { action: 'order.cancel' })).rows;

async function created(userId: string): Promise<string> {
  const detail = await harness.value<OrderDetail>('orders:create', {
    environmentId: 'sandbox',
    userId,
    order: await bookableRequest(direct, userId),
  });
  return detail.order.orderId;
}

describe('orders:cancel', () => {
  it('cancels a brand_new order with its reason, through the cache, its history and the audit log', async () => {
    const orderId = await created('user-cancel');
    const detail = await harness.value<OrderDetail>('orders:cancel', {
      environmentId: 'sandbox',
      orderId,
      reason: 'customer_driven',
      note: 'ticket 4812',
    });
    expect(detail.order).toMatchObject({ status: 'canceled', cancellationReason: 'customer_driven' });
    expect(detail.events.at(-1)).toMatchObject({ kind: 'status', to: 'canceled', source: 'cancel' });
    expect(sandbox.counters.order(orderId).cancels).toBe(1);
    const cached = await harness.value<OrderDetail>('orders:get', { environmentId: 'sandbox', orderId });
    expect(cached.order.status).toBe('canceled');
    expect((await audit())[0]).toMatchObject({
      orderId,
      outcome: 'ok',
      request: { reason: 'customer_driven' },
      note: 'ticket 4812',
    });
  });

  it("refuses once Instacart has acknowledged the order, with the API's words, and audits the refusal", async () => {
    const orderId = await created('user-late');
    sandbox.clock.advance(16 * 60_000);
    const result = await harness.call('orders:cancel', { environmentId: 'sandbox', orderId, reason: 'other' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'api_validation',
        message: expect.stringContaining('can no longer be canceled: it is acknowledged'),
      },
    });
    expect(sandbox.counters.order(orderId).cancels).toBe(0);
    expect((await audit())[0]).toMatchObject({ orderId, outcome: 'error' });
  });

  it('refuses a call for an environment that is not the selected one, sending nothing', async () => {
    const before = sandbox.counters.totals.requests;
    const result = await harness.call('orders:cancel', {
      environmentId: 'production-x',
      orderId: 'LM1',
      reason: 'other',
    });
    expect(result).toMatchObject({ ok: false });
    expect(sandbox.counters.totals.requests).toBe(before);
  });
});
