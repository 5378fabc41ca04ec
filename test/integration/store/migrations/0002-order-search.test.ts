import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, tablesOf, userVersion } from './migration-fixture';

describe('migration 0002-order-search', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('adds the full-text index and indexes the orders already cached at version 1', () => {
    fixture = databaseAt(1);
    fixture.exec(
      `INSERT INTO orders (environment_id, order_id, status, first_name, last_name, phone_digits, raw, fetched_ms,
         first_seen_ms, first_source)
       VALUES ('sandbox', 'ORD-1', 'brand_new', 'Ada', 'Lovelace', '18005550101 8005550101', '{}', 0, 0, 'get')`,
    );
    expect(userVersion(fixture.file)).toBe(1);
    expect(tablesOf(fixture.file)).not.toContain('orders_fts');

    const after = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(2);
    expect(tablesOf(fixture.file)).toContain('orders_fts');
    const match = (query: string) =>
      after.db.prepare('SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?').all(query).length;
    expect(match('"lovelace"')).toBe(1);
    expect(match('"80055"*')).toBe(1);
    expect(match('"babbage"')).toBe(0);
    after.close();
  });
});
