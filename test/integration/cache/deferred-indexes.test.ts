import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createShopWriter } from '../../../electron/core/shop-import/shop-writer';
import { buildDeferredIndexes, deferIndexes, indexesDeferred } from '../../../electron/core/store/deferred-indexes';
import { openDatabase } from '../../../electron/core/store/open-database';
import { searchQuery } from '../../../shared/contract';
import { openTestCache } from './cache-fixture';

const indexesOf = (db: Database.Database) =>
  db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('orders', 'import_rows') ORDER BY name`,
    )
    .all();

const ftsCheck = (db: Database.Database) => db.exec(`INSERT INTO orders_fts (orders_fts) VALUES ('integrity-check')`);

describe('deferred indexes', () => {
  let cache: ReturnType<typeof openTestCache>;
  beforeEach(() => (cache = openTestCache()));
  afterEach(() => cache.remove());

  function writeOrders(db: Database.Database, from: number, count: number, indexed: boolean) {
    const writer = createShopWriter(db);
    db.transaction(() => {
      for (let i = from; i < from + count; i++) {
        writer.write('sandbox', { order_id: `D-${i}`, first_name: `Dana${i}`, last_name: 'Okafor' }, 1, indexed);
      }
    })();
  }

  it('drops the secondary indexes and lists them with the full-text index; building puts back each as it was', () => {
    const { db } = cache.database;
    const before = indexesOf(db);
    writeOrders(db, 0, 10, true);
    db.transaction(() => deferIndexes(db, ['orders', 'import_rows']))();
    expect(indexesDeferred(db)).toBe(true);
    // Only the unique constraints' own indexes (no SQL) are left.
    expect(indexesOf(db).every((index) => (index as { sql: string | null }).sql === null)).toBe(true);
    const listed = db.prepare('SELECT name FROM deferred_indexes ORDER BY name').pluck().all();
    expect(listed).toEqual(expect.arrayContaining(['orders_fts', 'orders_by_window', 'import_rows_to_fetch']));
    writeOrders(db, 10, 10, false);
    expect(cache.search.search('sandbox', searchQuery.parse({ text: 'dana15' })).rows).toEqual([]);

    const settings = () => [db.pragma('cache_size', { simple: true }), db.pragma('threads', { simple: true })];
    const settingsBefore = settings();
    expect(buildDeferredIndexes(db)).toBe(true);
    // The build's own page cache and sorter threads are given back.
    expect(settings()).toEqual(settingsBefore);
    expect(indexesOf(db)).toEqual(before);
    expect(indexesDeferred(db)).toBe(false);
    expect(() => ftsCheck(db)).not.toThrow();
    expect(cache.search.search('sandbox', searchQuery.parse({ text: 'dana15' })).rows[0]?.orderId).toBe('D-15');
    expect(cache.search.search('sandbox', searchQuery.parse({ text: 'dana3' })).rows[0]?.orderId).toBe('D-3');
    expect(buildDeferredIndexes(db)).toBe(false);
  });

  it('a deferral that is rolled back leaves nothing listed and every index in place', () => {
    const { db } = cache.database;
    const before = indexesOf(db);
    expect(() =>
      db.transaction(() => {
        deferIndexes(db, ['orders']);
        throw new Error('the load failed');
      })(),
    ).toThrow('the load failed');
    expect(indexesOf(db)).toEqual(before);
    expect(indexesDeferred(db)).toBe(false);
  });

  it('the next open builds what a closed connection left deferred, before anything searches', () => {
    const { db } = cache.database;
    const before = indexesOf(db);
    db.transaction(() => deferIndexes(db, ['orders', 'import_rows']))();
    writeOrders(db, 0, 50, false);
    cache.close();

    const reopened = openDatabase(cache.file);
    try {
      expect(indexesOf(reopened.db)).toEqual(before);
      expect(indexesDeferred(reopened.db)).toBe(false);
      expect(() => ftsCheck(reopened.db)).not.toThrow();
      const found = reopened.db.prepare(`SELECT rowid FROM orders_fts WHERE orders_fts MATCH 'dana42'`).pluck().all();
      expect(found).toHaveLength(1);
    } finally {
      reopened.close();
    }
  });
});
