import { afterEach, describe, expect, it } from 'vitest';
import { dayOf, dayTerm, storeDayTerm, storeTerm } from '../../../../electron/core/store/filter-terms';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, ftsMatches, userVersion, viewAndWriterTerms } from './migration-fixture';

const JUNE_15 = Date.parse('2026-06-15T00:00:00Z');
const DAY = 86_400_000;

describe('migration 0024-store-day-terms', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it("rebuilds the full-text index of the orders cached with a word for each one's store and day together", () => {
    fixture = databaseAt(23);
    fixture.exec(
      `INSERT INTO orders (environment_id, order_id, status, store_location, window_start_ms, first_name, last_name,
         raw, fetched_ms, first_seen_ms, first_source)
       VALUES ('sandbox', 'ORD-1', 'brand_new', 'store-001', ${JUNE_15 + 3_600_000}, 'Zoe', 'Garcia', '{}', 0, 0, 'get'),
         ('sandbox', 'ORD-2', 'delivered', 'store-002', ${JUNE_15 + 7_200_000}, 'Sam', 'Garcia', '{}', 0, 0, 'get'),
         ('sandbox', 'ORD-3', 'brand_new', 'store-001', ${JUNE_15 + DAY}, 'Dana', 'Garcia', '{}', 0, 0, 'get'),
         ('sandbox', 'ORD-4', 'brand_new', 'Tienda Núñez #2', ${JUNE_15}, 'Tess', 'Day', '{}', 0, 0, 'get'),
         ('sandbox', 'ORD-5', 'not_checked', NULL, NULL, 'Lee', 'Garcia', 'null', 0, 0, 'shop'),
         ('sandbox', 'ORD-6', 'brand_new', NULL, ${JUNE_15 + 60_000}, 'Ari', 'Garcia', '{}', 0, 0, 'get');
       INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');`,
    );
    const after = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(24);
    const match = (query: string) => ftsMatches(after, query);
    const june15 = dayOf(JUNE_15);

    // The writers index what the view gives FTS5's rebuild, to the character.
    const terms = viewAndWriterTerms(after);
    expect(terms).toHaveLength(6);
    for (const { view, writers } of terms) expect(view).toBe(writers);

    expect(match(`"${storeDayTerm('store-001', june15)}"`)).toEqual([1]);
    expect(match(`"${storeDayTerm('store-001', june15 + 1)}"`)).toEqual([3]);
    expect(match(`"${storeDayTerm('Tienda Núñez #2', june15)}"`)).toEqual([4]);
    expect(match(`"${storeDayTerm('', june15)}"`)).toEqual([6]);
    expect(match(`"garcia" AND "${storeDayTerm('store-002', june15)}"`)).toEqual([2]);
    // The words the index held before are still there.
    expect(match(`"garcia" AND "${storeTerm('store-001')}" AND "${dayTerm(june15)}"`)).toEqual([1]);
    // No word a search box can type reaches them, not even as a prefix.
    expect(match('"p"*')).toEqual([]);
    expect(match('"x"*')).toEqual([]);
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The index agrees with the rows it was built from (FTS5 raises an error otherwise).
    after.db.exec("INSERT INTO orders_fts (orders_fts) VALUES ('integrity-check')");
    after.close();
  });
});
