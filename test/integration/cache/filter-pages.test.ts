import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchQuery } from '../../../shared/contract';
import { apiOrder, openTestCache, T0 } from './cache-fixture';

const HOUR = 3_600_000;

/**
 * Many orders share a window (a store's slot): a page of the filters-only list may end inside one, and
 * the next page must go on from there, nearest window first and the newest cached first within a window.
 */
describe('pages of the filters-only list through windows shared by many orders', () => {
  let cache: ReturnType<typeof openTestCache>;
  const orderIds: string[] = [];

  beforeAll(() => {
    cache = openTestCache();
    cache.clock.set(T0);
    // In the window index, orders of a window sort by store, here the reverse of newest first; and the
    // windows 3 hours ahead and 3 hours behind are as near as each other.
    const hours = [1, 3, -3];
    for (let i = 0; i < 15; i++) {
      const orderId = `ORD-${200 + i}`;
      const order = apiOrder(orderId, {}, new Date(T0 + hours[i % 3]! * HOUR).toISOString());
      order.fulfillment_details!.store_location = `store-${String(i).padStart(2, '0')}`;
      cache.orders.recordApiOrder('sandbox', order, { source: 'get' });
      orderIds.push(orderId);
    }
  });
  afterAll(() => cache.remove());

  const page = (offset: number, limit: number, filters = {}) =>
    cache.search
      .search('sandbox', searchQuery.parse({ text: '', offset, limit, ...filters }))
      .rows.map((row) => row.orderId);
  const of = (indexes: number[]) => indexes.map((i) => orderIds[i]);

  it('lists every order once across pages, newest first within a window, mirrored windows merged', () => {
    const expected = of([12, 9, 6, 3, 0, 14, 13, 11, 10, 8, 7, 5, 4, 2, 1]);
    expect(page(0, 100)).toEqual(expected);
    const paged = [0, 4, 8, 12].flatMap((offset) => page(offset, 4));
    expect(paged).toEqual(expected);
    expect(page(14, 4)).toEqual(of([1]));
    expect(page(15, 4)).toEqual([]);
  });

  it('pages the same way within a window range', () => {
    const range = { windowFrom: new Date(T0).toISOString(), windowTo: new Date(T0 + 4 * HOUR).toISOString() };
    expect([0, 3, 6, 9].flatMap((offset) => page(offset, 3, range))).toEqual(of([12, 9, 6, 3, 0, 13, 10, 7, 4, 1]));
  });
});
