import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, tablesOf, userVersion } from './migration-fixture';

describe('migration 0003-audit-log', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('adds the audit log to a version 2 file and keeps its orders', () => {
    fixture = databaseAt(2);
    fixture.exec(
      `INSERT INTO orders (environment_id, order_id, status, raw, fetched_ms, first_seen_ms, first_source)
       VALUES ('sandbox', 'ORD-1', 'brand_new', '{}', 0, 0, 'get')`,
    );
    expect(userVersion(fixture.file)).toBe(2);
    expect(tablesOf(fixture.file)).not.toContain('audit_log');

    const after = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(3);
    expect(tablesOf(fixture.file)).toEqual(expect.arrayContaining(['audit_log', 'audit_log_by_time']));
    expect(after.db.prepare('SELECT order_id FROM orders').all()).toEqual([{ order_id: 'ORD-1' }]);
    expect(() =>
      after.db
        .prepare(
          `INSERT INTO audit_log (at_ms, environment_id, action, request, outcome) VALUES (0, 'sandbox', 'x', '{}', 'maybe')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    after.close();
  });
});
