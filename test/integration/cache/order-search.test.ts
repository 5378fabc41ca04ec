import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../../shared/contract';
import { searchQuery } from '../../../shared/contract';
import { apiOrder, createRequest, openTestCache, T0 } from './cache-fixture';

const HOUR = 3_600_000;

describe('searching the cache', () => {
  let cache: ReturnType<typeof openTestCache>;
  const search = (query: SearchQuery) => cache.search.search('sandbox', searchQuery.parse(query));
  const ids = (query: SearchQuery) => search(query).rows.map((row) => row.orderId);

  beforeAll(() => {
    cache = openTestCache();
    const add = (id: string, known: Parameters<typeof createRequest>[0], windowHours: number, status = 'brand_new') => {
      const order = apiOrder(id, { status }, new Date(T0 + windowHours * HOUR).toISOString());
      order.fulfillment_details!.store_location = known?.location_code ?? 'store-001';
      cache.orders.recordApiOrder('sandbox', order, { source: 'create', known: createRequest(known) });
    };
    add('ORD-100', {}, 2);
    add('ORD-101', { first_name: 'Mario', last_name: 'Rossi', user_phone: '+14155550199', bag_label: 'C-7' }, 30);
    add(
      'ORD-102',
      {
        first_name: 'Ada',
        last_name: 'Lovelace',
        user_phone: '+442071234567',
        address: { address_line_1: '12 Analytical Way', postal_code: 'N1 9GU' },
        location_code: 'store-002',
      },
      -5,
      'delivered',
    );
    add('ORD-103', { first_name: 'Garcia', last_name: 'Marquez', bag_label: 'G-1' }, 1);
    add('100', { first_name: 'Zed', last_name: 'Numeric', user_phone: '+15105550100' }, 200);
    cache.orders.recordApiOrder('production', apiOrder('ORD-900'), {
      source: 'get',
      known: createRequest({ last_name: 'Garcia' }),
    });
  });
  afterAll(() => cache.remove());

  it('finds an order by its id, exactly or by a prefix of its last part', () => {
    expect(ids({ text: 'ORD-102' })).toEqual(['ORD-102']);
    expect(ids({ text: 'ord-10' })).toEqual(expect.arrayContaining(['ORD-100', 'ORD-101', 'ORD-102', 'ORD-103']));
  });

  it('finds by first and last name, as a prefix, with or without accents', () => {
    expect(ids({ text: 'lovelace' })).toEqual(['ORD-102']);
    expect(ids({ text: 'Ada Love' })).toEqual(['ORD-102']);
    expect(ids({ text: 'maria garcia' })).toContain('ORD-100');
    expect(ids({ text: 'MARÍA' })).toEqual(['ORD-100']);
    expect(ids({ text: 'ros' })).toEqual(['ORD-101']);
  });

  it('finds a phone however it is written', () => {
    for (const typed of [
      '+18005550101',
      '800 555 0101',
      '(800) 555-0101',
      '800.555.0101',
      '1-800-555-0101',
      '800555',
    ]) {
      expect(ids({ text: typed }), typed).toContain('ORD-100');
    }
    expect(ids({ text: '(415) 555-0199' })).toEqual(['ORD-101']);
    expect(ids({ text: '+44 20 7123 4567' })).toEqual(['ORD-102']);
  });

  it('finds by street, postal code and bag label', () => {
    expect(ids({ text: '12 Analytical' })).toEqual(['ORD-102']);
    expect(ids({ text: 'analyt' })).toEqual(['ORD-102']);
    expect(ids({ text: 'N1 9GU' })).toEqual(['ORD-102']);
    expect(ids({ text: '94110' })).toHaveLength(4);
    expect(ids({ text: 'C-7' })).toEqual(['ORD-101']);
    expect(ids({ text: 'B-4821' })).toEqual(expect.arrayContaining(['ORD-100', '100']));
  });

  it('never reads typed text as query syntax', () => {
    for (const typed of ['"', 'OR', 'NEAR(a b)', 'a* AND', '-', '*', '(', "'; DROP TABLE orders; --"]) {
      expect(() => search({ text: typed }), typed).not.toThrow();
    }
    expect(ids({ text: '"lovelace"' })).toEqual(['ORD-102']);
  });

  it('ranks the exact id first, then the better match, then the nearest window', () => {
    expect(ids({ text: '100' })[0]).toBe('100');
    // "garcia" is ORD-103's first name (worth less) and ORD-100's last name.
    expect(ids({ text: 'garcia' })).toEqual(['ORD-100', 'ORD-103']);
    // Same quality of match: nearest window first (ORD-103 in 1 h, ORD-100 in 2 h, ORD-101 in 30 h).
    expect(ids({ text: '94110', statuses: ['brand_new'] })).toEqual(['ORD-103', 'ORD-100', 'ORD-101', '100']);
  });

  it('filters by status, store, window range and staleness, with or without text', () => {
    expect(ids({ text: '', statuses: ['delivered'] })).toEqual(['ORD-102']);
    expect(ids({ text: '', storeLocations: ['store-002'] })).toEqual(['ORD-102']);
    expect(ids({ text: '94110', storeLocations: ['store-002'] })).toEqual([]);
    const from = new Date(T0).toISOString();
    const to = new Date(T0 + 24 * HOUR).toISOString();
    expect(ids({ text: '', windowFrom: from, windowTo: to })).toEqual(['ORD-103', 'ORD-100']);
    expect(ids({ text: 'ord', windowFrom: from })).toEqual(expect.arrayContaining(['ORD-100', 'ORD-101', 'ORD-103']));
    expect(ids({ text: '', windowTo: from })).toEqual(['ORD-102']);
    expect(ids({ text: '', staleMinutes: 5 })).toEqual([]);
    cache.clock.set(T0 + 10 * 60_000);
    cache.orders.recordApiOrder('sandbox', apiOrder('ORD-101', {}, new Date(T0 + 30 * HOUR).toISOString()), {
      source: 'refresh',
    });
    expect(ids({ text: '', staleMinutes: 5 })).toEqual(['ORD-103', 'ORD-100', 'ORD-102', '100']);
    expect(ids({ text: 'rossi', staleMinutes: 5 })).toEqual([]);
    cache.clock.set(T0);
  });

  it('lists filters-only results nearest window first, in pages, with a total', () => {
    const all = search({ text: '' });
    expect(all.rows.map((r) => r.orderId)).toEqual(['ORD-103', 'ORD-100', 'ORD-102', 'ORD-101', '100']);
    expect(all).toMatchObject({ total: 5, totalIsCapped: false, offset: 0 });
    const page = search({ text: '', offset: 2, limit: 2 });
    expect(page.rows.map((r) => r.orderId)).toEqual(['ORD-102', 'ORD-101']);
    expect(page).toMatchObject({ total: 5, offset: 2 });
  });

  it('returns summary rows with what a list shows', () => {
    expect(search({ text: 'ORD-101' }).rows[0]).toEqual({
      orderId: 'ORD-101',
      userId: null,
      status: 'brand_new',
      storeLocation: 'store-001',
      windowStartsAt: new Date(T0 + 30 * HOUR).toISOString(),
      windowEndsAt: new Date(T0 + 31 * HOUR).toISOString(),
      firstName: 'Mario',
      lastName: 'Rossi',
      phone: '+14155550199',
      addressLine1: '1234 Maple St',
      postalCode: '94110',
      bagLabel: 'C-7',
      fetchedAt: expect.any(String),
    });
  });

  it('keeps the index in step with the orders: a changed name is found by the new name only', () => {
    cache.orders.recordApiOrder('sandbox', apiOrder('ORD-102'), {
      source: 'update',
      known: { last_name: 'Byron' },
    });
    expect(ids({ text: 'byron' })).toEqual(['ORD-102']);
    expect(ids({ text: 'lovelace' })).toEqual([]);
  });

  it('searches only the given environment', () => {
    expect(cache.search.search('production', searchQuery.parse({ text: 'garcia' })).rows).toHaveLength(1);
    expect(cache.search.search('elsewhere', searchQuery.parse({ text: '' })).total).toBe(0);
  });
});

describe('ranking candidates whose fields hold unusual characters', () => {
  it('ranks an order whose name holds a control character by its real fields', () => {
    const cache = openTestCache();
    try {
      const add = (id: string, known: Parameters<typeof createRequest>[0]) =>
        cache.orders.recordApiOrder('sandbox', apiOrder(id), { source: 'create', known: createRequest(known) });
      add('ORD-1', { first_name: 'Ann\u001fMarie', last_name: 'Quinn', bag_label: 'Zed' });
      add('ORD-2', {
        first_name: 'Bo',
        last_name: 'Lund',
        address: { address_line_1: '1 Zed Street', postal_code: '94110' },
      });
      const ids = (text: string) =>
        cache.search.search('sandbox', searchQuery.parse({ text })).rows.map((row) => row.orderId);
      // A bag label outranks a street, though ORD-2 is the newer.
      expect(ids('zed')).toEqual(['ORD-1', 'ORD-2']);
      expect(ids('marie quinn')).toEqual(['ORD-1']);
    } finally {
      cache.remove();
    }
  });
});
