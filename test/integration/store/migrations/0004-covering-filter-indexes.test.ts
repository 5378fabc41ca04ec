import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, userVersion } from './migration-fixture';

function indexColumns(file: string, index: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(index) as { name: string }[]).map(
      (row) => row.name,
    );
  } finally {
    db.close();
  }
}

function plan(db: Database.Database, where: string): string {
  return (
    db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT o.id, o.window_start_ms FROM orders o
         WHERE o.environment_id = 'sandbox' AND ${where} AND o.window_start_ms >= 0 ORDER BY o.window_start_ms LIMIT 10`,
      )
      .all() as { detail: string }[]
  )
    .map((row) => row.detail)
    .join(' | ');
}

describe('migration 0004-covering-filter-indexes', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('makes the store and status indexes hold every filter column, so a filtered list reads no row', () => {
    fixture = databaseAt(3);
    fixture.exec(
      `INSERT INTO orders (environment_id, order_id, status, store_location, window_start_ms, raw, fetched_ms,
         first_seen_ms, first_source)
       VALUES ('sandbox', 'ORD-1', 'staged', 'store-1', 5, '{}', 0, 0, 'get')`,
    );
    expect(indexColumns(fixture.file, 'orders_by_store')).toEqual([
      'environment_id',
      'store_location',
      'window_start_ms',
    ]);

    const after = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(4);
    expect(indexColumns(fixture.file, 'orders_by_store')).toEqual([
      'environment_id',
      'store_location',
      'window_start_ms',
      'status',
      'fetched_ms',
    ]);
    expect(indexColumns(fixture.file, 'orders_by_status')).toEqual([
      'environment_id',
      'status',
      'window_start_ms',
      'store_location',
      'fetched_ms',
    ]);
    expect(plan(after.db, `o.store_location IN ('store-1') AND o.status IN ('staged')`)).toMatch(/COVERING INDEX/);
    expect(after.db.prepare('SELECT order_id FROM orders').all()).toEqual([{ order_id: 'ORD-1' }]);
    after.close();
  });
});
