import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalTeam } from '../../../electron/core/team/local-team';
import type { SearchQuery } from '../../../shared/contract';
import { searchQuery } from '../../../shared/contract';
import { importShopLines } from '../../support/shop-export-import';
import { apiOrder, createRequest, openTestCache } from './cache-fixture';

const DAY = 86_400_000;
const JUNE_15 = Date.parse('2026-06-15T00:00:00Z');
/** A day as the search filters give it: in a store's zone (here UTC-7) and exactly a UTC day. */
const zoneDay = (utcMidnight: number) => ({
  windowFrom: new Date(utcMidnight + 7 * 3_600_000).toISOString(),
  windowTo: new Date(utcMidnight + DAY + 7 * 3_600_000).toISOString(),
});
const utcDay = (utcMidnight: number) => ({
  windowFrom: new Date(utcMidnight).toISOString(),
  windowTo: new Date(utcMidnight + DAY).toISOString(),
});

/**
 * The full-text index holds each order's store, status and window day (migration 0020), so every
 * writer must index an order anew when one of those changes: else a filtered search misses it.
 */
describe('a change of status, store or window re-indexes the order for filtered search', () => {
  let cache: ReturnType<typeof openTestCache>;
  beforeEach(() => {
    cache = openTestCache();
  });
  afterEach(() => cache.remove());

  const found = (query: SearchQuery) =>
    cache.search.search('sandbox', searchQuery.parse(query)).rows.map((row) => row.orderId);
  /** FTS5 compares the index with the rows it reads them from, and raises an error if they differ. */
  const indexAgrees = () =>
    cache.database.db.exec("INSERT INTO orders_fts (orders_fts, rank) VALUES ('integrity-check', 1)");
  const record = (status: string, store: string, startIso: string) => {
    const order = apiOrder('ORD-1', { status }, startIso);
    order.fulfillment_details!.store_location = store;
    cache.orders.recordApiOrder('sandbox', order, {
      source: 'get',
      known: createRequest({ first_name: 'Maria', last_name: 'Garcia' }),
    });
  };

  it('an answer with a new status, store or window (the order writer)', () => {
    record('brand_new', 'store-001', '2026-06-15T14:00:00Z');
    expect(found({ text: 'garcia', statuses: ['brand_new'] })).toEqual(['ORD-1']);
    expect(found({ text: 'garcia', statuses: ['delivered'] })).toEqual([]);

    record('delivered', 'store-001', '2026-06-15T14:00:00Z');
    expect(found({ text: 'garcia', statuses: ['delivered'] })).toEqual(['ORD-1']);
    expect(found({ text: 'garcia', statuses: ['brand_new'] })).toEqual([]);

    const nextDay = { text: 'garcia', storeLocations: ['store-001'], ...utcDay(JUNE_15 + DAY) };
    expect(found(nextDay)).toEqual([]);
    record('delivered', 'store-001', '2026-06-16T14:00:00Z');
    expect(found(nextDay)).toEqual(['ORD-1']);
    expect(found({ ...nextDay, ...utcDay(JUNE_15) })).toEqual([]);
    // A day in the store's zone spans two UTC days: the order is found in the one it falls in only.
    expect(found({ ...nextDay, ...zoneDay(JUNE_15 + DAY) })).toEqual(['ORD-1']);
    expect(found({ ...nextDay, ...zoneDay(JUNE_15) })).toEqual([]);

    record('delivered', 'store-002', '2026-06-16T14:00:00Z');
    expect(found({ ...nextDay, storeLocations: ['store-002'] })).toEqual(['ORD-1']);
    expect(found(nextDay)).toEqual([]);
    indexAgrees();
  });

  it("a re-import that moves an order Instacart has not answered for to another store (the shop's writer)", async () => {
    await importShopLines(cache, 'sandbox', [{ 'Order #': 'SHOP-1', 'Last Name': 'Okafor', 'Store #': '1001' }]);
    expect(found({ text: 'okafor', storeLocations: ['1001'] })).toEqual(['SHOP-1']);
    expect(found({ text: 'okafor', storeLocations: ['1002'] })).toEqual([]);
    await importShopLines(cache, 'sandbox', [{ 'Order #': 'SHOP-1', 'Last Name': 'Okafor', 'Store #': '1002' }]);
    expect(found({ text: 'okafor', storeLocations: ['1002'] })).toEqual(['SHOP-1']);
    expect(found({ text: 'okafor', storeLocations: ['1001'] })).toEqual([]);
    indexAgrees();
  });

  it("the team's copy of an order with another status (team mode's writer)", () => {
    record('brand_new', 'store-001', '2026-06-15T14:00:00Z');
    const team = createLocalTeam(cache.database.db);
    team.link('sandbox');
    const batch = team.nextBatch('sandbox', 10);
    const merged = batch.orders.map((order) => ({ ...order, api: { ...order.api, status: 'delivered' } }));
    expect(found({ text: 'garcia', statuses: ['delivered'] })).toEqual([]);
    team.done(batch.ids, merged);
    expect(found({ text: 'garcia', statuses: ['delivered'] })).toEqual(['ORD-1']);
    expect(found({ text: 'garcia', statuses: ['brand_new'] })).toEqual([]);
    indexAgrees();
  });
});
