import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BulkOrder } from '../../../electron/core/orders/bulk-load';
import { bulkLoadOrders } from '../../../electron/core/orders/bulk-load';
import { createOrderSearch, TEXT_MATCH_CAP } from '../../../electron/core/search/order-search';
import { searchQuery } from '../../../shared/contract';
import type { ShopLine } from '../../support/shop-export-import';
import { importShopLines } from '../../support/shop-export-import';
import { apiOrder, openTestCache, T0 } from './cache-fixture';

/** Instacart's answers for orders B-from...: they carry no customer. */
function orders(count: number, from = 0): BulkOrder[] {
  return Array.from({ length: count }, (_, i) => ({
    api: apiOrder(`B-${from + i}`, {}, new Date(T0 + (from + i) * 60_000).toISOString()),
  }));
}

/** The shop's export lines for the same orders: the customers come from there. */
function shopLines(count: number, from = 0, lastName = 'Garcia'): ShopLine[] {
  return Array.from({ length: count }, (_, i) => ({
    'Order #': `B-${from + i}`,
    'Customer ID': `u${from + i}`,
    'First Name': `First${from + i}`,
    'Last Name': lastName,
  }));
}

const indexNames = (cache: ReturnType<typeof openTestCache>) =>
  cache.database.db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('orders', 'order_events') ORDER BY name`,
    )
    .all();

describe('bulk loading orders', () => {
  let cache: ReturnType<typeof openTestCache>;
  beforeEach(() => (cache = openTestCache()));
  afterEach(() => cache.remove());

  it('writes rows then rebuilds the indexes when the batch is large, leaving every index as it was', () => {
    const before = indexNames(cache);
    const result = bulkLoadOrders(cache.database, 'sandbox', orders(1200), { source: 'import', expectedCount: 1200 });
    expect(result).toMatchObject({ created: 1200, updated: 0, rebuilt: true });
    expect(indexNames(cache)).toEqual(before);
    expect(cache.orders.getOrder('sandbox', 'B-7')!.order).toMatchObject({ orderId: 'B-7', status: 'brand_new' });
  });

  it("merges the answers into the orders the shop's export brought, which stay found by their customer", async () => {
    await importShopLines(cache, 'sandbox', shopLines(1200));
    const result = bulkLoadOrders(cache.database, 'sandbox', orders(1200), { source: 'get', expectedCount: 1200 });
    expect(result).toMatchObject({ created: 0, updated: 1200, rebuilt: true });
    expect(cache.orders.getOrder('sandbox', 'B-7')!.order).toMatchObject({
      firstName: 'First7',
      userId: 'u7',
      status: 'brand_new',
    });
    // The history written while its index was deferred is read through the index rebuilt.
    expect(cache.orders.getOrder('sandbox', 'B-7')!.events.map((e) => [e.kind, e.to])).toContainEqual([
      'status',
      'brand_new',
    ]);
    expect(indexNames(cache).map((index) => (index as { name: string }).name)).toContain('order_events_by_order');
    expect(cache.search.search('sandbox', searchQuery.parse({ text: 'first7 garcia' })).rows[0]?.orderId).toBe('B-7');
  });

  it('writes a large load through a rollback journal, then goes back to WAL', () => {
    const modes: unknown[] = [];
    function* watched(): Generator<BulkOrder> {
      for (const item of orders(150)) {
        modes.push(cache.database.db.pragma('journal_mode', { simple: true }));
        yield item;
      }
    }
    const result = bulkLoadOrders(cache.database, 'sandbox', watched(), {
      source: 'import',
      expectedCount: 150,
      rollbackJournalFrom: 100,
    });
    expect(result).toMatchObject({ created: 150, rebuilt: true });
    expect(new Set(modes)).toEqual(new Set(['delete']));
    expect(cache.database.db.pragma('journal_mode', { simple: true })).toBe('wal');
    bulkLoadOrders(cache.database, 'sandbox', orders(50, 150), { source: 'import', expectedCount: 50 });
    expect(cache.search.search('sandbox', searchQuery.parse({ text: 'B-170' })).rows.map((r) => r.orderId)).toEqual([
      'B-170',
    ]);
    // A small batch stays in WAL.
    const small: unknown[] = [];
    bulkLoadOrders(
      cache.database,
      'sandbox',
      (function* () {
        for (const item of orders(300, 200)) {
          small.push(cache.database.db.pragma('journal_mode', { simple: true }));
          yield item;
        }
      })(),
      { source: 'import', expectedCount: 300 },
    );
    expect(new Set(small)).toEqual(new Set(['wal']));
  });

  it('loads in WAL when another connection has the file open, which a rollback journal would need to itself', () => {
    const other = new Database(cache.file);
    try {
      expect(other.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 0 });
      const modes: unknown[] = [];
      function* watched(): Generator<BulkOrder> {
        for (const item of orders(150)) {
          modes.push(cache.database.db.pragma('journal_mode', { simple: true }));
          yield item;
        }
      }
      bulkLoadOrders(cache.database, 'sandbox', watched(), {
        source: 'import',
        expectedCount: 150,
        rollbackJournalFrom: 100,
      });
      expect(new Set(modes)).toEqual(new Set(['wal']));
      expect(other.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 150 });
    } finally {
      other.close();
    }
  });

  it('leaves the rebuilt full-text index merged into one segment, and FTS5 merging again as it writes', () => {
    // Enough orders for FTS5 to flush its pending terms several times during the rebuild.
    bulkLoadOrders(cache.database, 'sandbox', orders(20_000), { source: 'import', expectedCount: 20_000 });
    const { db } = cache.database;
    const blocks = () => db.prepare('SELECT count(*) AS n, sum(length(block)) AS bytes FROM orders_fts_data').get();
    const loaded = blocks();
    db.exec(`INSERT INTO orders_fts (orders_fts) VALUES ('optimize')`);
    expect(blocks()).toEqual(loaded);
    expect(db.prepare(`SELECT v FROM orders_fts_config WHERE k = 'automerge'`).get()).toEqual({ v: 4 });
    expect(cache.search.search('sandbox', searchQuery.parse({ text: 'B-19999' })).total).toBe(1);
  });

  it('caps a text search that matches more than it can rank, and says so', async () => {
    await importShopLines(cache, 'sandbox', shopLines(TEXT_MATCH_CAP + 200));
    bulkLoadOrders(cache.database, 'sandbox', orders(TEXT_MATCH_CAP + 200), {
      source: 'import',
      expectedCount: TEXT_MATCH_CAP + 200,
    });
    const found = cache.search.search('sandbox', searchQuery.parse({ text: 'garcia', limit: 50 }));
    expect(found).toMatchObject({ total: TEXT_MATCH_CAP, totalIsCapped: true });
    expect(found.rows).toHaveLength(50);
    const narrow = cache.search.search('sandbox', searchQuery.parse({ text: `garcia first${TEXT_MATCH_CAP + 100}` }));
    expect(narrow).toMatchObject({ total: 1, totalIsCapped: false });
  });

  it('takes whole-word matches as candidates before prefix-only ones', async () => {
    await importShopLines(cache, 'sandbox', [...shopLines(5, 0, 'Park'), ...shopLines(5, 5, 'Parker')]);
    bulkLoadOrders(cache.database, 'sandbox', orders(10), { source: 'get', expectedCount: 10 });
    const search = createOrderSearch(cache.database, { textMatchCap: 3, filterCountCap: 1000 });
    const found = search.search('sandbox', searchQuery.parse({ text: 'park' }));
    expect(found).toMatchObject({ total: 3, totalIsCapped: true });
    expect(found.rows.map((row) => row.lastName)).toEqual(['Park', 'Park', 'Park']);
    const prefix = search.search('sandbox', searchQuery.parse({ text: 'parke' }));
    expect(prefix.rows.map((row) => row.lastName)).toEqual(['Parker', 'Parker', 'Parker']);
  });

  it('takes a last word of three letters or more as typed when it already matches whole words', async () => {
    await importShopLines(cache, 'sandbox', [
      ...shopLines(2, 0, 'Park'),
      ...shopLines(2, 2, 'Parker'),
      ...shopLines(2, 4, 'Pa'),
    ]);
    bulkLoadOrders(cache.database, 'sandbox', orders(6), { source: 'get', expectedCount: 6 });
    const names = (text: string) =>
      cache.search.search('sandbox', searchQuery.parse({ text })).rows.map((row) => row.lastName);
    expect(names('park')).toEqual(['Park', 'Park']);
    expect(names('par').sort()).toEqual(['Park', 'Park', 'Parker', 'Parker']);
    // Shorter words are prefixes even when they match whole: whole matches rank first.
    expect(names('pa')).toEqual(['Pa', 'Pa', 'Park', 'Park', 'Parker', 'Parker']);
  });

  it('caps the count of a filters-only search', () => {
    bulkLoadOrders(cache.database, 'sandbox', orders(300), { source: 'import', expectedCount: 300 });
    const search = createOrderSearch(cache.database, { textMatchCap: 1000, filterCountCap: 120 });
    const page = search.search('sandbox', searchQuery.parse({ text: '', offset: 200, limit: 10 }));
    expect(page).toMatchObject({ total: 120, totalIsCapped: true, offset: 200 });
    expect(page.rows).toHaveLength(10);
    expect(search.search('sandbox', searchQuery.parse({ text: 'B-5' })).totalIsCapped).toBe(false);
  });

  it('keeps the index row by row when the batch is small, with the same merge and history rules', async () => {
    await importShopLines(cache, 'sandbox', shopLines(100));
    bulkLoadOrders(cache.database, 'sandbox', orders(100), { source: 'get', expectedCount: 100 });
    cache.clock.set(T0 + 1000);
    // The shop renames ten customers; then Instacart's next answers for them arrive in a small batch.
    await importShopLines(cache, 'sandbox', shopLines(10, 0, 'Okafor'));
    const changed = orders(10).map((item) => ({ ...item, api: { ...item.api, status: 'staged' } }));
    const result = bulkLoadOrders(cache.database, 'sandbox', [...changed, ...orders(5, 100)], {
      source: 'refresh',
      expectedCount: 15,
    });
    expect(result).toMatchObject({ created: 5, updated: 10, rebuilt: false });
    const ids = (text: string) =>
      cache.search.search('sandbox', searchQuery.parse({ text, limit: 500 })).rows.map((r) => r.orderId);
    expect(ids('okafor')).toHaveLength(10);
    expect(ids('garcia')).toHaveLength(90);
    expect(ids('B-104')).toEqual(['B-104']);
    expect(cache.orders.getOrder('sandbox', 'B-3')!.events.at(-1)).toMatchObject({
      kind: 'status',
      from: 'brand_new',
      to: 'staged',
      source: 'refresh',
    });
  });

  it('keeps a cached copy written after a batched answer arrived, and takes the answer over an older copy', () => {
    const received = cache.clock.now();
    cache.clock.set(received + 1_000);
    cache.orders.recordApiOrder('sandbox', apiOrder('B-1', { status: 'staged' }), { source: 'stage' });
    cache.orders.recordApiOrder('sandbox', apiOrder('B-2', { status: 'staged' }), { source: 'stage' });
    cache.clock.set(received + 2_000);
    bulkLoadOrders(
      cache.database,
      'sandbox',
      [
        { api: apiOrder('B-1', { status: 'brand_new' }), receivedMs: received },
        { api: apiOrder('B-2', { status: 'delivering' }), receivedMs: received + 1_500 },
      ],
      { source: 'get', expectedCount: 2 },
    );
    expect(cache.orders.getOrder('sandbox', 'B-1')!.order.status).toBe('staged');
    expect(cache.orders.getOrder('sandbox', 'B-2')!.order.status).toBe('delivering');
  });

  it('leaves nothing behind when a batch fails half way', () => {
    bulkLoadOrders(cache.database, 'sandbox', orders(10), { source: 'import', expectedCount: 10 });
    const before = indexNames(cache);
    function* failing(): Generator<BulkOrder> {
      yield* orders(20, 10);
      throw new Error('the source broke');
    }
    expect(() => bulkLoadOrders(cache.database, 'sandbox', failing(), { source: 'import', expectedCount: 30 })).toThrow(
      'the source broke',
    );
    expect(cache.database.db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 10 });
    expect(indexNames(cache)).toEqual(before);
  });
});
