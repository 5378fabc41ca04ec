import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkLoadOrders } from '../../../electron/core/orders/bulk-load';
import { filterMatch } from '../../../electron/core/search/search-filters';
import { dayOf, storeDayTerm } from '../../../electron/core/store/filter-terms';
import type { SearchQuery } from '../../../shared/contract';
import { searchQuery } from '../../../shared/contract';
import { importShopLines } from '../../support/shop-export-import';
import { apiOrder, openTestCache } from './cache-fixture';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const JUNE_10 = Date.parse('2026-06-10T00:00:00Z');
const STORES = ['store-001', 'store-002', 'Tienda Núñez #3'];
const COUNT = 600;
/** Spread over three stores and twelve UTC days, at every hour, so that zone days cut UTC days in two. */
const storeOf = (i: number) => STORES[i % 3]!;
const startOf = (i: number) => JUNE_10 + (Math.floor(i / 3) % 12) * DAY + (Math.floor(i / 36) % 24) * HOUR;
const nameOf = (i: number) => (i % 5 === 0 ? 'Okafor' : 'Garcia');

/**
 * The store and day words (migration 0024) stand in for a store's words AND a day's when there are
 * few pairs to list; past that the search asks for both lists as before. Either way it finds exactly
 * the orders the filters keep.
 */
describe('a text search with stores and days', () => {
  let cache: ReturnType<typeof openTestCache>;
  beforeAll(async () => {
    cache = openTestCache();
    await importShopLines(
      cache,
      'sandbox',
      Array.from({ length: COUNT }, (_, i) => ({ 'Order #': `D-${i}`, 'Last Name': nameOf(i), 'Store #': storeOf(i) })),
    );
    const answers = Array.from({ length: COUNT }, (_, i) => ({
      api: apiOrder(`D-${i}`, {
        fulfillment_details: {
          store_location: storeOf(i),
          window_starts_at: new Date(startOf(i)).toISOString(),
          window_ends_at: new Date(startOf(i) + HOUR).toISOString(),
        },
      }),
    }));
    bulkLoadOrders(cache.database, 'sandbox', answers, { source: 'get', expectedCount: COUNT });
  });
  afterAll(() => cache.remove());

  const found = (query: SearchQuery) =>
    cache.search
      .search('sandbox', searchQuery.parse({ ...query, limit: 500 }))
      .rows.map((row) => row.orderId)
      .sort();
  const expected = (name: string, stores: string[], from: number, to: number) =>
    Array.from({ length: COUNT }, (_, i) => i)
      .filter((i) => nameOf(i) === name && stores.includes(storeOf(i)) && startOf(i) >= from && startOf(i) < to)
      .map((i) => `D-${i}`)
      .sort();
  const range = (from: number, to: number) => ({
    windowFrom: new Date(from).toISOString(),
    windowTo: new Date(to).toISOString(),
  });

  const cases: { what: string; stores: string[]; from: number; to: number; pairs: number }[] = [
    { what: 'one store, one UTC day', stores: ['store-001'], from: JUNE_10 + 2 * DAY, to: JUNE_10 + 3 * DAY, pairs: 1 },
    {
      what: 'a store with a character the tokenizer splits on',
      stores: ['Tienda Núñez #3'],
      from: JUNE_10 + 4 * DAY,
      to: JUNE_10 + 5 * DAY,
      pairs: 1,
    },
    {
      what: "two stores, a day in a store's zone (two UTC days)",
      stores: ['store-001', 'store-002'],
      from: JUNE_10 + 5 * DAY + 7 * HOUR,
      to: JUNE_10 + 6 * DAY + 7 * HOUR,
      pairs: 4,
    },
    {
      what: 'one store, a week in its zone (eight UTC days)',
      stores: ['store-002'],
      from: JUNE_10 + 7 * HOUR,
      to: JUNE_10 + 7 * DAY + 7 * HOUR,
      pairs: 8,
    },
    {
      what: 'three stores over three UTC days: too many pairs, the lists apart',
      stores: STORES,
      from: JUNE_10 + 8 * DAY,
      to: JUNE_10 + 11 * DAY,
      pairs: 0,
    },
  ];
  for (const { what, stores, from, to, pairs } of cases) {
    it(`${what}: exactly the orders the filters keep`, () => {
      const query = { text: 'garcia', storeLocations: stores, ...range(from, to) };
      const words = filterMatch(query)!.match;
      expect(words.split(storeDayTerm('', 0).slice(0, 4)).length - 1).toBe(pairs);
      expect(words.includes(storeDayTerm(stores[0]!, dayOf(from)))).toBe(pairs > 0);
      const ids = found(query);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids).toEqual(expected('Garcia', stores, from, to));
      expect(found({ ...query, text: 'okafor' })).toEqual(expected('Okafor', stores, from, to));
    });
  }
});
