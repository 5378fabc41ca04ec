import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../../electron/core/core-error';
import type { ApiOrder } from '../../../shared/domain';
import { apiOrder, createRequest, openTestCache, T0 } from './cache-fixture';

describe('the orders repository (write-through)', () => {
  let cache: ReturnType<typeof openTestCache>;
  beforeEach(() => (cache = openTestCache()));
  afterEach(() => cache.remove());

  it('stores every API field, what the create request said, the raw answer and when it was fetched', () => {
    const answer: ApiOrder = {
      ...apiOrder('ORD-1'),
      order_url: 'https://example.com/o/1',
      locale: 'en_US',
      is_instacartplus: true,
      metadata: { lane: 4 },
      handoff_time: '2026-06-15T13:30:00Z',
    };
    const result = cache.orders.recordApiOrder('sandbox', answer, {
      source: 'create',
      known: createRequest({ alcoholic: true, cart_total: 42.5, special_instructions: 'Ring twice' }),
      userId: 'user-7',
    });
    expect(result.created).toBe(true);
    expect(result.order).toMatchObject({
      orderId: 'ORD-1',
      userId: 'user-7',
      status: 'brand_new',
      storeLocation: 'store-001',
      locationCode: 'store-001',
      windowStartsAt: '2026-06-15T14:00:00.000Z',
      firstName: 'María',
      lastName: 'Garcia',
      phone: '+18005550101',
      address: { address_line_1: '1234 Maple St', postal_code: '94110' },
      bagLabel: 'B-4821',
      itemsCount: 12,
      bagsCount: 3,
      itemsWeight: 8.5,
      tipCents: 500,
      cartTotal: 42.5,
      alcoholic: true,
      specialInstructions: 'Ring twice',
      locale: 'en_US',
      orderUrl: 'https://example.com/o/1',
      fetchedAt: new Date(T0).toISOString(),
      raw: answer,
    });
    expect(result.events).toEqual([
      { at: new Date(T0).toISOString(), kind: 'created', from: null, to: 'brand_new', source: 'create' },
    ]);
    const row = cache.database.db.prepare('SELECT is_instacartplus, metadata, handoff_time FROM orders').get();
    expect(row).toEqual({ is_instacartplus: 1, metadata: '{"lane":4}', handoff_time: '2026-06-15T13:30:00Z' });
  });

  it('records a history event for each change of status, window, tip and bags, and none otherwise', () => {
    cache.orders.recordApiOrder('sandbox', apiOrder('ORD-1'), { source: 'create', known: createRequest() });
    cache.clock.set(T0 + 60_000);
    const unchanged = cache.orders.recordApiOrder('sandbox', apiOrder('ORD-1'), { source: 'get' });
    expect(unchanged.events.map((e) => e.kind)).toEqual(['created']);
    expect(unchanged.order.fetchedAt).toBe(new Date(T0 + 60_000).toISOString());

    cache.clock.set(T0 + 120_000);
    const moved = apiOrder('ORD-1', { status: 'acknowledged' }, '2026-06-15T16:00:00Z');
    moved.fulfillment_details!.bag_count = 4;
    const updated = cache.orders.recordApiOrder('sandbox', moved, {
      source: 'update',
      known: { initial_tip_cents: 900, start_at: '2026-06-15T16:00:00Z' },
    });
    expect(updated.created).toBe(false);
    const at = new Date(T0 + 120_000).toISOString();
    expect(updated.events.slice(1)).toEqual([
      { at, kind: 'status', from: 'brand_new', to: 'acknowledged', source: 'update' },
      {
        at,
        kind: 'window',
        from: '2026-06-15T14:00:00.000Z/2026-06-15T15:00:00.000Z',
        to: '2026-06-15T16:00:00.000Z/2026-06-15T17:00:00.000Z',
        source: 'update',
      },
      { at, kind: 'tip', from: '500', to: '900', source: 'update' },
      { at, kind: 'bags', from: '3', to: '4', source: 'update' },
    ]);
    expect(cache.orders.getOrder('sandbox', 'ORD-1')!.events).toEqual(updated.events);
  });

  it('does not see a window change when the API writes the same instants with another offset', () => {
    cache.orders.recordApiOrder('sandbox', apiOrder('ORD-1'), { source: 'get' });
    const same = apiOrder('ORD-1');
    same.fulfillment_details = {
      ...same.fulfillment_details!,
      window_starts_at: '2026-06-15T07:00:00-07:00',
      window_ends_at: '2026-06-15T08:00:00-07:00',
    };
    expect(cache.orders.recordApiOrder('sandbox', same, { source: 'get' }).events.map((e) => e.kind)).toEqual([
      'created',
    ]);
  });

  it('keeps what it knew when a later answer is shorter (an asynchronous create, then a get)', () => {
    const short: ApiOrder = { id: 'ORD-2', status: 'created' };
    const first = cache.orders.recordApiOrder('sandbox', short, {
      source: 'create',
      known: createRequest({ start_at: '2026-06-16T10:00:00Z', end_at: '2026-06-16T11:00:00Z' }),
    });
    expect(first.order).toMatchObject({ windowStartsAt: '2026-06-16T10:00:00Z', storeLocation: 'store-001' });
    const full = cache.orders.recordApiOrder(
      'sandbox',
      { ...apiOrder('ORD-2'), order_url: 'https://x/2' },
      {
        source: 'get',
      },
    );
    expect(full.order).toMatchObject({ firstName: 'María', tipCents: 500, orderUrl: 'https://x/2' });
    const again = cache.orders.recordApiOrder('sandbox', { id: 'ORD-2', status: 'brand_new' }, { source: 'get' });
    expect(again.order).toMatchObject({ orderUrl: 'https://x/2', windowStartsAt: '2026-06-15T14:00:00.000Z' });
    expect(again.order.raw).toEqual({ id: 'ORD-2', status: 'brand_new' });
  });

  it('keeps environments apart', () => {
    cache.orders.recordApiOrder('sandbox', apiOrder('ORD-1'), { source: 'create', known: createRequest() });
    cache.orders.recordApiOrder('production', apiOrder('ORD-1', { status: 'delivered' }), { source: 'get' });
    expect(cache.orders.getOrder('sandbox', 'ORD-1')!.order.status).toBe('brand_new');
    expect(cache.orders.getOrder('production', 'ORD-1')!.order).toMatchObject({ status: 'delivered', firstName: null });
    expect(cache.orders.getOrder('staging', 'ORD-1')).toBeNull();
  });

  it('lists the stores of an environment, once each and sorted', () => {
    for (const [id, store] of [
      ['A', 'store-009'],
      ['B', 'store-002'],
      ['C', 'store-009'],
    ] as const) {
      const order = apiOrder(id);
      order.fulfillment_details!.store_location = store;
      cache.orders.recordApiOrder('sandbox', order, { source: 'get' });
    }
    cache.orders.recordApiOrder('production', apiOrder('D'), { source: 'get' });
    expect(cache.orders.stores('sandbox')).toEqual(['store-002', 'store-009']);
    expect(cache.orders.stores('nowhere')).toEqual([]);
  });

  it('refuses an answer without an id, with a typed error', () => {
    expect(() =>
      cache.orders.recordApiOrder('sandbox', { status: 'brand_new' } as ApiOrder, { source: 'get' }),
    ).toThrow(CoreError);
  });
});
