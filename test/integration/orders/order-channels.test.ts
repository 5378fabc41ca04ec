import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectClient } from '../../../electron/core/connect/connect-client';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import type { AuditEntry, BatchSummary, OrderDetail, ProgressEvent, SearchResult } from '../../../shared/contract';
import type { AppInfo, ServiceOption, ServiceOptionHold } from '../../../shared/domain';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { SANDBOX_TEST_NOW, bookableRequest } from '../../support/sandbox-client';

const DEMO_ORDERS = 30;
let sandbox: Sandbox;
let harness: CoreHarness;
let direct: ConnectClient;

beforeAll(async () => {
  sandbox = await startSandbox({
    orders: DEMO_ORDERS,
    seed: 11,
    clock: createSandboxClock({ start: SANDBOX_TEST_NOW, frozen: true }),
  });
  harness = await startCoreHarness({ sandbox, clock: sandbox.clock, computerUser: 'agent-under-test' });
  await harness.core.idle();
  direct = new ConnectClient({ baseUrl: sandbox.url, credentials: async () => sandbox.credentials });
});
afterAll(async () => {
  await harness.close();
  await sandbox.close();
});

const search = (text = '') => harness.value<SearchResult>('orders:search', { environmentId: 'sandbox', text });
const progress = (operation: ProgressEvent['operation']) =>
  harness.events
    .filter((e) => e.name === 'orders:progress' && (e.payload as ProgressEvent).operation === operation)
    .map((e) => e.payload as ProgressEvent);
const audit = async (action: string) => (await harness.value<{ rows: AuditEntry[] }>('audit:list', { action })).rows;

describe('order channels over the sandbox and a real SQLite file', () => {
  it("learns the built-in sandbox's demo orders on first use from its shop export, customers included", async () => {
    expect((await search()).total).toBe(DEMO_ORDERS);
    const first = sandbox.demoOrders()[0]!;
    const detail = await harness.value<OrderDetail>('orders:get', { environmentId: 'sandbox', orderId: first.orderId });
    expect(detail.order.lastName).not.toBeNull();
    expect((await search(detail.order.lastName!)).rows.map((r) => r.orderId)).toContain(first.orderId);
    // The export answered, so the API-only prefetch (the fallback) never ran.
    expect(progress('prefetch')).toEqual([]);
    expect((await harness.value<AppInfo>('app:info')).online).toBe(true);
  });

  it('answers a cached order from the cache, and from the API when asked to refresh', async () => {
    const { orderId } = sandbox.demoOrders()[0]!;
    const before = sandbox.counters.totals.requests;
    const cached = await harness.value<OrderDetail>('orders:get', { environmentId: 'sandbox', orderId });
    expect(cached).toMatchObject({ fromCache: true, order: { orderId } });
    expect(sandbox.counters.totals.requests).toBe(before);

    const fresh = await harness.value<OrderDetail>('orders:get', { environmentId: 'sandbox', orderId, refresh: true });
    expect(fresh.fromCache).toBe(false);
    expect(fresh.refreshError).toBeUndefined();
    expect(sandbox.counters.totals.requests).toBe(before + 1);
  });

  it('gets an order the cache has never seen from the API and keeps it', async () => {
    const request = await bookableRequest(direct, 'user-outside');
    const made = await direct.createOrder('user-outside', { ...request, order_id: 'made-elsewhere' });
    const detail = await harness.value<OrderDetail>('orders:get', {
      environmentId: 'sandbox',
      orderId: made.orderId,
      userId: 'user-outside',
    });
    expect(detail).toMatchObject({ fromCache: false, order: { orderId: 'made-elsewhere', userId: 'user-outside' } });
    expect((await search('made-elsewhere')).rows.map((r) => r.orderId)).toEqual(['made-elsewhere']);
  });

  it('creates an order from a time slot, caching what was sent and auditing it', async () => {
    const options = await harness.value<ServiceOption[]>('orders:service-options', {
      environmentId: 'sandbox',
      userId: 'user-new',
      locationCode: '1002',
      address: { address_line_1: '50 Beale St', postal_code: '94105' },
    });
    const option = options.find((o) => o.availability.available)!;
    const hold = await harness.value<ServiceOptionHold>('orders:hold', {
      environmentId: 'sandbox',
      userId: 'user-new',
      locationCode: '1002',
      serviceOptionId: option.id,
    });
    const detail = await harness.value<OrderDetail>('orders:create', {
      environmentId: 'sandbox',
      userId: 'user-new',
      order: {
        location_code: '1002',
        service_option_hold_id: hold.id,
        first_name: 'Ada',
        last_name: 'Lovelace',
        user_phone: '+14155550188',
        items_count: 3,
        items_weight: 4,
        initial_tip_cents: 250,
        address: { address_line_1: '50 Beale St', postal_code: '94105' },
      },
    });
    const orderId = detail.order.orderId;
    expect(orderId).toMatch(/^LMC-/);
    expect(detail).toMatchObject({ fromCache: false, order: { firstName: 'Ada', tipCents: 250, userId: 'user-new' } });
    expect(sandbox.counters.order(orderId).creates).toBe(1);
    expect((await search('4155550188')).rows.map((r) => r.orderId)).toContain(orderId);
    const [entry] = await audit('order.create');
    expect(entry).toMatchObject({ orderId, outcome: 'ok', request: { userId: 'user-new' } });
    expect((await audit('order.hold'))[0]?.outcome).toBe('ok');

    const updated = await harness.value<OrderDetail>('orders:update', {
      environmentId: 'sandbox',
      orderId,
      changes: { initial_tip_cents: 900 },
      note: 'customer called, ticket 4812',
    });
    expect(updated.order.tipCents).toBe(900);
    expect(updated.events.map((e) => e.kind)).toContain('tip');
    // The tip is its own action, signed with who changed it, before -> after.
    expect((await audit('order.tip'))[0]).toMatchObject({
      orderId,
      outcome: 'ok',
      who: 'agent-under-test',
      environmentName: 'Sandbox',
      changes: [{ field: 'tip', from: '$2.50', to: '$9.00' }],
      note: 'customer called, ticket 4812',
    });
  });

  it("reports a refused create with the API's hint, and audits the failure", async () => {
    const request = await bookableRequest(direct, 'user-tip');
    const result = await harness.call('orders:create', {
      environmentId: 'sandbox',
      userId: 'user-tip',
      order: { ...request, initial_tip_cents: 60_000 },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'api_validation', key: 'initial_tip_cents' } });
    const [entry] = await audit('order.create');
    expect(entry).toMatchObject({ outcome: 'error', error: expect.stringMatching(/\$500\.00/) });
  });

  it('creates asynchronously where the store does, caching the short answer', async () => {
    const store = sandbox.info.async_location_codes[0]!;
    const request = await bookableRequest(direct, 'user-async', store);
    const detail = await harness.value<OrderDetail>('orders:create', {
      environmentId: 'sandbox',
      userId: 'user-async',
      order: request,
      async: true,
    });
    expect(detail.order).toMatchObject({ status: 'created', firstName: 'Kamal', storeLocation: store });
  });

  it('refreshes many orders with progress, reporting the one that fails by its position', async () => {
    const ids = sandbox
      .demoOrders()
      .slice(0, 5)
      .map((o) => o.orderId);
    const summary = await harness.value<BatchSummary>('orders:refresh', {
      environmentId: 'sandbox',
      orderIds: [...ids, 'no-such-order'],
    });
    expect(summary).toMatchObject({ total: 6, succeeded: 5 });
    expect(summary.failed).toEqual([
      {
        line: 6,
        orderId: 'no-such-order',
        message: expect.stringMatching(/Resource not found.*no order with this id/),
      },
    ]);
    expect(progress('refresh').at(-1)).toEqual({ operation: 'refresh', done: 6, failed: 1, total: 6 });
  });

  it('imports a CSV of order ids, keeping good lines and reporting bad ones by line', async () => {
    const [a] = sandbox.demoOrders().slice(5, 6);
    // An order made outside the console: only the import can bring it into the cache.
    const request = await bookableRequest(direct, 'user-import');
    await direct.createOrder('user-import', { ...request, order_id: 'imported-only' });
    expect((await search('imported-only')).total).toBe(0);
    const csv = `order_id,user_id\n${a!.orderId},${a!.userId}\n"unclosed,x\nimported-only,user-import\nunknown-order,\n`;
    const summary = await harness.value<BatchSummary>('orders:import-csv', { environmentId: 'sandbox', csv });
    expect(summary.succeeded).toBe(2);
    expect(summary.failed.map((f) => f.line)).toEqual([3, 5]);
    expect(summary.failed[0]?.message).toMatch(/quote/i);
    expect(summary.failed[1]).toMatchObject({ orderId: 'unknown-order' });
    expect(progress('import').at(-1)).toMatchObject({ done: 3, failed: 1, total: 3 });
    expect((await audit('orders.import'))[0]).toMatchObject({ outcome: 'error', error: '2 of 4 lines failed.' });
    // The good line after a bad one was kept: the order is in the cache now.
    expect((await search('imported-only')).rows.map((r) => r.orderId)).toEqual(['imported-only']);
    expect(
      await harness.value<OrderDetail>('orders:get', { environmentId: 'sandbox', orderId: 'imported-only' }),
    ).toMatchObject({
      fromCache: true,
      order: { userId: 'user-import' },
      events: [{ kind: 'created', source: 'import' }],
    });
  });

  it('keeps search and order views working from the cache when the sandbox is stopped', async () => {
    const { orderId } = sandbox.demoOrders()[1]!;
    const before = await harness.value<AppInfo>('app:info');
    await sandbox.close();

    const detail = await harness.value<OrderDetail>('orders:get', { environmentId: 'sandbox', orderId, refresh: true });
    expect(detail).toMatchObject({ fromCache: true, order: { orderId }, refreshError: { code: 'network' } });
    expect((await search(orderId)).rows[0]?.orderId).toBe(orderId);

    const info = await harness.value<AppInfo>('app:info');
    expect(info).toMatchObject({ online: false, lastSuccessAt: before.lastSuccessAt });
    expect(info.lastSuccessAt).not.toBeNull();
    const notCached = await harness.call('orders:get', { environmentId: 'sandbox', orderId: 'never-seen' });
    expect(notCached).toMatchObject({ ok: false, error: { code: 'network' } });
  });
});
