import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../../electron/core/store/migrations';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, tablesOf, userVersion } from './migration-fixture';

describe('migration 0010-watch', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('adds watched orders, acknowledged attention rows and watch settings, keeping the orders there', () => {
    fixture = databaseAt(9);
    fixture.exec(
      `INSERT INTO orders (environment_id, order_id, status, raw, fetched_ms, first_seen_ms, first_source)
       VALUES ('sandbox', 'ORD-1', 'acknowledged', '{}', 0, 0, 'get');`,
    );
    const after = fixture.open();
    expect(userVersion(fixture.file)).toBe(migrations.length);
    expect(tablesOf(fixture.file)).toEqual(
      expect.arrayContaining(['watched_orders', 'attention_acks', 'watch_settings']),
    );
    const db = after.db;
    expect(db.prepare('SELECT order_id FROM orders').all()).toEqual([{ order_id: 'ORD-1' }]);
    const watch = db.prepare(
      `INSERT INTO watched_orders (environment_id, order_id, since_ms) VALUES ('sandbox', ?, 1)`,
    );
    watch.run('ORD-1');
    expect(() => watch.run('ORD-1')).toThrow(/UNIQUE|PRIMARY/);
    const ack = db.prepare(
      `INSERT INTO attention_acks (environment_id, order_id, kind, cause, acked_ms) VALUES ('sandbox', 'ORD-1', ?, 'x', 1)`,
    );
    ack.run('late');
    expect(() => ack.run('bored')).toThrow(/CHECK/);
    after.close();
  });
});
