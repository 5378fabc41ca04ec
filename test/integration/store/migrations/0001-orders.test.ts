import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, tablesOf, userVersion } from './migration-fixture';

describe('migration 0001-orders', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('turns an empty file into version 1 with the orders, their history and their indexes', () => {
    fixture = databaseAt(0);
    expect(userVersion(fixture.file)).toBe(0);
    expect(tablesOf(fixture.file)).toEqual([]);

    fixture.remove();
    fixture = databaseAt(1);
    expect(userVersion(fixture.file)).toBe(1);
    expect(tablesOf(fixture.file)).toEqual(
      expect.arrayContaining([
        'orders',
        'order_events',
        'orders_by_window',
        'orders_by_store',
        'orders_by_status',
        'orders_by_fetched',
        'order_events_by_order',
      ]),
    );
  });

  it('keys orders by environment and order id, and deletes an order history with it', () => {
    fixture = databaseAt(1);
    const opened = fixture.open();
    const { db } = opened;
    const insert = db.prepare(
      `INSERT INTO orders (environment_id, order_id, status, raw, fetched_ms, first_seen_ms, first_source)
       VALUES (?, ?, 'brand_new', '{}', 0, 0, 'get')`,
    );
    const a = Number(insert.run('sandbox', 'A').lastInsertRowid);
    insert.run('production', 'A');
    expect(() => insert.run('sandbox', 'A')).toThrow(/UNIQUE/);
    db.prepare(`INSERT INTO order_events (order_ref, at_ms, kind, source) VALUES (?, 0, 'status', 'get')`).run(a);
    expect(() =>
      db.prepare(`INSERT INTO order_events (order_ref, at_ms, kind, source) VALUES (?, 0, 'colour', 'get')`).run(a),
    ).toThrow(/CHECK/);
    db.prepare('DELETE FROM orders WHERE id = ?').run(a);
    expect(db.prepare('SELECT count(*) AS n FROM order_events').get()).toEqual({ n: 0 });
    opened.close();
  });
});
