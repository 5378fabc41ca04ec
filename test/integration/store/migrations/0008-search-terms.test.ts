import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, userVersion } from './migration-fixture';

describe('migration 0008-search-terms', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('gives the orders cached before it their extra search words and indexes them', () => {
    fixture = databaseAt(5);
    fixture.exec(
      `INSERT INTO orders (environment_id, order_id, status, last_name, phone_digits, address_line_1, raw, fetched_ms,
         first_seen_ms, first_source)
       VALUES ('sandbox', 'LM0001234', 'brand_new', 'Garcia', '14155550123 4155550123', '123 Valencia St', '{}', 0, 0,
         'create'),
         ('sandbox', 'ORD-9', 'brand_new', 'Rossi', NULL, NULL, '{}', 0, 0, 'get');
       INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');`,
    );

    const after = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(8);
    expect(after.db.prepare('SELECT order_id, search_terms FROM orders ORDER BY id').all()).toEqual([
      { order_id: 'LM0001234', search_terms: '1234 5550123 0123 street' },
      { order_id: 'ORD-9', search_terms: null },
    ]);
    const match = (query: string) =>
      after.db.prepare('SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?').all(query).length;
    for (const query of ['"0123"', '"5550123"', '"1234"', '"street"', '"garcia"', '"rossi"', '"41555"*']) {
      expect(match(query), query).toBe(1);
    }
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The index agrees with the rows it was built from (FTS5 raises an error otherwise).
    after.db.exec("INSERT INTO orders_fts (orders_fts) VALUES ('integrity-check')");
    after.close();
  });
});
