import { afterEach, describe, expect, it } from 'vitest';
import { dayOf, dayTerm, statusTerm, storeTerm } from '../../../../electron/core/store/filter-terms';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, userVersion, viewAndWriterTerms } from './migration-fixture';

const JUNE_15 = Date.parse('2026-06-15T00:00:00Z');

describe('migration 0020-filter-terms', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it("rebuilds the full-text index of the orders cached with each one's store, status and window day", () => {
    fixture = databaseAt(19);
    fixture.exec(
      `INSERT INTO orders (environment_id, order_id, status, store_location, window_start_ms, first_name, last_name,
         raw, fetched_ms, first_seen_ms, first_source)
       VALUES ('sandbox', 'ORD-1', 'brand_new', 'store-001', ${JUNE_15 + 3_600_000}, 'Zoe', 'Garcia', '{}', 0, 0, 'get'),
         ('sandbox', 'ORD-2', 'delivered', 'Tienda Núñez #2', ${JUNE_15 - 1}, 'Sam', 'Garcia', '{}', 0, 0, 'get'),
         ('sandbox', 'ORD-3', 'not_checked', NULL, NULL, 'Dana', 'Stone', 'null', 0, 0, 'shop'),
         ('sandbox', 'ORD-4', 'brand_new', 'store-001', -5, 'Tess', 'Day', '{}', 0, 0, 'get');
       INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');`,
    );
    const after = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(20);
    const { sql } = after.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'orders_fts'").get() as {
      sql: string;
    };
    expect(sql).toContain('filter_terms');
    expect(sql).toContain("content = 'orders_indexed'");
    // Later migrations may add longer prefixes (0022: four).
    expect(sql).toMatch(/prefix = '1 2 3\b/);

    // The writers index what the view gives FTS5's rebuild, to the character.
    const terms = viewAndWriterTerms(after);
    expect(terms).toHaveLength(4);
    for (const { view, writers } of terms) expect(view).toBe(writers);

    const match = (query: string) =>
      (
        after.db.prepare('SELECT rowid FROM orders_fts WHERE orders_fts MATCH ? ORDER BY rowid').all(query) as {
          rowid: number;
        }[]
      ).map((row) => row.rowid);
    expect(match(`"${storeTerm('store-001')}"`)).toEqual([1, 4]);
    expect(match(`"${storeTerm('Tienda Núñez #2')}"`)).toEqual([2]);
    expect(match(`"garcia" AND "${statusTerm('delivered')}"`)).toEqual([2]);
    expect(match(`"${statusTerm('brand_new')}" AND "${dayTerm(dayOf(JUNE_15))}"`)).toEqual([1]);
    expect(match(`"${dayTerm(dayOf(JUNE_15) - 1)}"`)).toEqual([2]);
    // No word a search box can type reaches them, not even as a prefix.
    expect(match('"s"*')).toEqual([2, 3]);
    expect(match('"d"*')).toEqual([3, 4]);
    expect(match('"t"*')).toEqual([4]);
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The index agrees with the rows it was built from (FTS5 raises an error otherwise).
    after.db.exec("INSERT INTO orders_fts (orders_fts, rank) VALUES ('integrity-check', 1)");
    after.close();
  });
});
