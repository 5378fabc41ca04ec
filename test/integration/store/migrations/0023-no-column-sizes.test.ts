import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, userVersion } from './migration-fixture';

describe('migration 0023-no-column-sizes', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('rebuilds the full-text index of the orders cached without a column size per order, finding the same', () => {
    fixture = databaseAt(22);
    fixture.exec(
      `INSERT INTO orders (environment_id, order_id, status, store_location, window_start_ms, first_name, last_name,
         raw, fetched_ms, first_seen_ms, first_source)
       VALUES ('sandbox', 'LM0812500', 'brand_new', 'store-001', 0, 'Valentina', 'Perez', '{}', 0, 0, 'get'),
         ('sandbox', 'LM0912500', 'delivered', 'store-002', NULL, 'Valeria', 'Kim', '{}', 0, 0, 'get'),
         ('sandbox', 'LM0813', 'brand_new', 'store-001', 0, 'Val', 'Park', '{}', 0, 0, 'get');
       INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');`,
    );
    const before = new Database(fixture.file, { readonly: true });
    expect(before.prepare('SELECT count(*) FROM orders_fts_docsize').pluck().get()).toBe(3);
    before.close();
    const after = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(23);
    const { sql } = after.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'orders_fts'").get() as {
      sql: string;
    };
    expect(sql).toContain('columnsize = 0');
    expect(sql).toContain("prefix = '1 2 3 4'");
    const tables = after.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'orders_fts%' ORDER BY name")
      .pluck()
      .all();
    expect(tables).not.toContain('orders_fts_docsize');
    const match = (query: string) =>
      (
        after.db.prepare('SELECT rowid FROM orders_fts WHERE orders_fts MATCH ? ORDER BY rowid').all(query) as {
          rowid: number;
        }[]
      ).map((row) => row.rowid);
    expect(match('"lm08"*')).toEqual([1, 3]);
    expect(match('"val"*')).toEqual([1, 2, 3]);
    expect(match('"perez"')).toEqual([1]);
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The index agrees with the rows it was built from (FTS5 raises an error otherwise).
    after.db.exec("INSERT INTO orders_fts (orders_fts) VALUES ('integrity-check')");
    after.close();
  });
});
