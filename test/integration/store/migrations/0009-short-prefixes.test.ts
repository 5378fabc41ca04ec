import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, userVersion } from './migration-fixture';

describe('migration 0009-short-prefixes', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('rebuilds the full-text index with one, two and three letter prefix indexes over the orders cached', () => {
    fixture = databaseAt(8);
    fixture.exec(
      `INSERT INTO orders (environment_id, order_id, status, first_name, last_name, phone_digits, address_line_1,
         search_terms, raw, fetched_ms, first_seen_ms, first_source)
       VALUES ('sandbox', 'LM0001234', 'brand_new', 'José', 'Garcia', '14155550123', '123 Valencia St', '1234 street',
         '{}', 0, 0, 'create'),
         ('sandbox', 'ORD-9', 'brand_new', 'Ana', 'Gallo', NULL, NULL, NULL, '{}', 0, 0, 'get');
       INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');`,
    );
    const before = new Database(fixture.file, { readonly: true });
    const schemaBefore = (
      before.prepare("SELECT sql FROM sqlite_schema WHERE name = 'orders_fts'").get() as {
        sql: string;
      }
    ).sql;
    before.close();
    expect(schemaBefore).toContain("prefix = '1'");

    const after = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(9);
    const { sql } = after.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'orders_fts'").get() as {
      sql: string;
    };
    // Later migrations may add longer prefixes (0022: four).
    expect(sql).toMatch(/prefix = '1 2 3\b/);
    expect(sql).toContain('search_terms');
    const match = (query: string) =>
      (
        after.db.prepare('SELECT rowid FROM orders_fts WHERE orders_fts MATCH ? ORDER BY rowid').all(query) as {
          rowid: number;
        }[]
      ).map((row) => row.rowid);
    expect(match('"g"*')).toEqual([1, 2]);
    expect(match('"ga"*')).toEqual([1, 2]);
    expect(match('"gar"*')).toEqual([1]);
    expect(match('"garc"*')).toEqual([1]);
    expect(match('"jose"')).toEqual([1]);
    expect(match('"street"')).toEqual([1]);
    expect(match('"141"*')).toEqual([1]);
    expect(match('"an"*')).toEqual([2]);
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The index agrees with the rows it was built from (FTS5 raises an error otherwise).
    after.db.exec("INSERT INTO orders_fts (orders_fts) VALUES ('integrity-check')");
    after.close();
  });
});
