import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../../electron/core/store/migrations';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, tablesOf, userVersion } from './migration-fixture';

describe('migration 0007-shop-import', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('adds the import journal and customer changes to history, keeping the history already there', () => {
    fixture = databaseAt(6);
    fixture.exec(
      `INSERT INTO orders (environment_id, order_id, status, raw, fetched_ms, first_seen_ms, first_source)
       VALUES ('sandbox', 'ORD-1', 'acknowledged', '{}', 0, 0, 'get');
       INSERT INTO order_events (order_ref, at_ms, kind, from_value, to_value, source)
       VALUES (1, 5, 'status', 'brand_new', 'acknowledged', 'get');`,
    );
    const after = fixture.open();
    expect(userVersion(fixture.file)).toBe(migrations.at(-1)!.version);
    expect(tablesOf(fixture.file)).toEqual(
      expect.arrayContaining([
        'import_jobs',
        'import_rows',
        'import_problems',
        'import_mappings',
        'order_events_by_order',
      ]),
    );
    const db = after.db;
    expect(
      db.prepare('SELECT order_ref, at_ms, kind, field, from_value, to_value, source FROM order_events').all(),
    ).toEqual([
      {
        order_ref: 1,
        at_ms: 5,
        kind: 'status',
        field: null,
        from_value: 'brand_new',
        to_value: 'acknowledged',
        source: 'get',
      },
    ]);
    const event = db.prepare(
      `INSERT INTO order_events (order_ref, at_ms, kind, field, from_value, to_value, source) VALUES (1, 6, ?, 'phone', 'a', 'b', 'shop')`,
    );
    event.run('customer');
    expect(() => event.run('mood')).toThrow(/CHECK/);

    db.prepare(
      `INSERT INTO import_jobs (id, environment_id, file_name, upload_id, mapping, state, counts, created_ms, updated_ms)
       VALUES ('j', 'sandbox', 'f.csv', 'u', '{}', 'reading', '{}', 0, 0)`,
    ).run();
    const row = db.prepare(`INSERT INTO import_rows (job_id, order_id, line, state) VALUES (?, ?, 2, ?)`);
    row.run('j', 'ORD-1', 'pending');
    expect(() => row.run('j', 'ORD-1', 'pending')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => row.run('j', 'ORD-2', 'lost')).toThrow(/CHECK/);
    expect(() => row.run('nope', 'ORD-3', 'pending')).toThrow(/FOREIGN KEY/);
    db.prepare(`DELETE FROM import_jobs WHERE id = 'j'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM import_rows').get()).toEqual({ n: 0 });
    // Deleting an order still takes its history with it.
    db.prepare('DELETE FROM orders').run();
    expect(db.prepare('SELECT count(*) AS n FROM order_events').get()).toEqual({ n: 0 });
    after.close();
  });
});
