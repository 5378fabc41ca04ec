import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, ftsMatches, PREFIXED_ORDERS_SQL, userVersion } from './migration-fixture';

describe('migration 0023-no-column-sizes', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('rebuilds the full-text index of the orders cached without a column size per order, finding the same', () => {
    fixture = databaseAt(22);
    fixture.exec(PREFIXED_ORDERS_SQL);
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
    const match = (query: string) => ftsMatches(after, query);
    expect(match('"lm08"*')).toEqual([1, 3]);
    expect(match('"val"*')).toEqual([1, 2, 3]);
    expect(match('"perez"')).toEqual([1]);
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The index agrees with the rows it was built from (FTS5 raises an error otherwise).
    after.db.exec("INSERT INTO orders_fts (orders_fts) VALUES ('integrity-check')");
    after.close();
  });
});
