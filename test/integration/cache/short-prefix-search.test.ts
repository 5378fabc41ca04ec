import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BulkOrder } from '../../../electron/core/orders/bulk-load';
import { bulkLoadOrders } from '../../../electron/core/orders/bulk-load';
import { SHORT_PREFIX_CAP, TEXT_MATCH_CAP } from '../../../electron/core/search/order-search';
import { searchQuery } from '../../../shared/contract';
import { importShopLines } from '../../support/shop-export-import';
import { apiOrder, openTestCache, T0 } from './cache-fixture';

const COUNT = TEXT_MATCH_CAP + 100;

function orders(): BulkOrder[] {
  return Array.from({ length: COUNT }, (_, i) => ({
    api: apiOrder(`B-${i}`, {}, new Date(T0 + i * 60_000).toISOString()),
  }));
}

const shopLines = () =>
  Array.from({ length: COUNT }, (_, i) => ({
    'Order #': `B-${i}`,
    'Customer ID': `u${i}`,
    'First Name': `First${i}`,
    'Last Name': i === 0 ? 'Gallo' : 'Garcia',
  }));

describe('a search of one or two letters', () => {
  let cache: ReturnType<typeof openTestCache>;
  beforeEach(async () => {
    cache = openTestCache();
    await importShopLines(cache, 'sandbox', shopLines());
    bulkLoadOrders(cache.database, 'sandbox', orders(), { source: 'get', expectedCount: COUNT });
  });
  afterEach(() => cache.remove());

  const search = (text: string) => cache.search.search('sandbox', searchQuery.parse({ text, limit: 100 }));

  it('ranks fewer candidates than a longer search, and says the count is capped', () => {
    expect(SHORT_PREFIX_CAP).toBeLessThan(TEXT_MATCH_CAP);
    for (const text of ['g', 'ga', 'G ']) {
      expect(search(text), text).toMatchObject({ total: SHORT_PREFIX_CAP, totalIsCapped: true });
      expect(search(text).rows, text).toHaveLength(100);
    }
    // Three letters and more, or a second word, rank as many as before.
    expect(search('gar')).toMatchObject({ total: TEXT_MATCH_CAP, totalIsCapped: true });
    expect(search('garcia g')).toMatchObject({ total: TEXT_MATCH_CAP, totalIsCapped: true });
  });

  it('still finds an order by its exact id among them', () => {
    expect(search('gallo').rows.map((row) => row.orderId)).toEqual(['B-0']);
    const found = search('g');
    expect(found.rows.every((row) => /^(Garcia|Gallo)$/.test(row.lastName ?? ''))).toBe(true);
  });
});
