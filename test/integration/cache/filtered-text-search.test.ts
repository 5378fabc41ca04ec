import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkOrder } from '../../../electron/core/orders/bulk-load';
import { bulkLoadOrders } from '../../../electron/core/orders/bulk-load';
import { searchQuery } from '../../../shared/contract';
import type { SearchQuery } from '../../../shared/contract';
import { importShopLines } from '../../support/shop-export-import';
import { apiOrder, openTestCache, T0 } from './cache-fixture';

const COUNT = 1500;
/** 2.5% of the Garcias are at the rare store, 25% at the other; a third are delivered. */
const storeOf = (i: number) => (i % 40 === 0 ? 'store-rare' : i % 4 === 1 ? 'store-some' : 'store-001');
const statusOf = (i: number) => (i % 3 === 0 ? 'delivered' : 'brand_new');

function orders(): BulkOrder[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const start = T0 + i * 60_000;
    return {
      api: apiOrder(`B-${i}`, {
        status: statusOf(i),
        fulfillment_details: {
          store_location: storeOf(i),
          window_starts_at: new Date(start).toISOString(),
          window_ends_at: new Date(start + 3_600_000).toISOString(),
        },
      }),
    };
  });
}

const shopLines = () =>
  Array.from({ length: COUNT }, (_, i) => ({
    'Order #': `B-${i}`,
    'Customer ID': `u${i}`,
    'First Name': `First${i}`,
    'Last Name': 'Garcia',
    'Store #': storeOf(i),
  }));

describe('a text search with filters', () => {
  let cache: ReturnType<typeof openTestCache>;
  beforeAll(async () => {
    cache = openTestCache();
    await importShopLines(cache, 'sandbox', shopLines());
    bulkLoadOrders(cache.database, 'sandbox', orders(), { source: 'get', expectedCount: COUNT });
  });
  afterAll(() => cache.remove());

  const ids = (keep: (i: number) => boolean) =>
    Array.from({ length: COUNT }, (_, i) => i)
      .filter(keep)
      .map((i) => `B-${i}`)
      .sort();
  const found = (query: SearchQuery) => {
    const result = cache.search.search('sandbox', searchQuery.parse({ ...query, limit: 500 }));
    return { total: result.total, capped: result.totalIsCapped, ids: result.rows.map((row) => row.orderId).sort() };
  };

  it('finds every match when the filters keep few of many (read from the filters, not match by match)', () => {
    const rare = ids((i) => storeOf(i) === 'store-rare');
    expect(found({ text: 'garcia', storeLocations: ['store-rare'] })).toEqual({
      total: rare.length,
      capped: false,
      ids: rare,
    });
    // The prefix being typed takes the same way.
    expect(found({ text: 'garc', storeLocations: ['store-rare'] }).ids).toEqual(rare);
    expect(found({ text: 'garcia first40', storeLocations: ['store-rare'] }).ids).toEqual(['B-40']);
  });

  it('finds every match when the filters keep a good share of them', () => {
    const some = ids((i) => storeOf(i) === 'store-some');
    expect(found({ text: 'garcia', storeLocations: ['store-some'] })).toEqual({
      total: some.length,
      capped: false,
      ids: some,
    });
    const delivered = ids((i) => statusOf(i) === 'delivered');
    expect(found({ text: 'garcia', statuses: ['delivered'] })).toMatchObject({ total: delivered.length });
    const both = ids((i) => statusOf(i) === 'delivered' && storeOf(i) === 'store-rare');
    expect(found({ text: 'garcia', statuses: ['delivered'], storeLocations: ['store-rare'] }).ids).toEqual(both);
  });
});
