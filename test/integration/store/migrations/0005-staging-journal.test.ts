import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion } from '../../../../electron/core/store/migrate';
import { migrations } from '../../../../electron/core/store/migrations';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, tablesOf, userVersion } from './migration-fixture';

describe('migration 0005-staging-journal', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('adds the staging journal to a version 4 file and keeps its orders and audit log', () => {
    fixture = databaseAt(4);
    fixture.exec(
      `INSERT INTO orders (environment_id, order_id, status, raw, fetched_ms, first_seen_ms, first_source)
       VALUES ('sandbox', 'ORD-1', 'acknowledged', '{}', 0, 0, 'get');
       INSERT INTO audit_log (at_ms, environment_id, action, request, outcome) VALUES (0, 'sandbox', 'x', '{}', 'ok');`,
    );
    expect(tablesOf(fixture.file)).not.toContain('staging_jobs');

    const after = fixture.open();
    expect(userVersion(fixture.file)).toBe(latestVersion(migrations));
    expect(tablesOf(fixture.file)).toEqual(
      expect.arrayContaining(['staging_jobs', 'staging_items', 'staging_jobs_by_update']),
    );
    expect(after.db.prepare('SELECT order_id FROM orders').all()).toEqual([{ order_id: 'ORD-1' }]);
    expect(after.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });

    const db = after.db;
    db.prepare(
      `INSERT INTO staging_jobs (id, name, environment_id, state, created_ms, updated_ms) VALUES ('j', 'n', 'sandbox', 'running', 0, 0)`,
    ).run();
    const item = db.prepare(
      `INSERT INTO staging_items (job_id, seq, order_id, stage_values, state, updated_ms) VALUES (?, ?, ?, '{}', ?, 0)`,
    );
    item.run('j', 0, 'ORD-1', 'pending');
    expect(() => item.run('j', 1, 'ORD-1', 'pending')).toThrow(/UNIQUE/);
    expect(() => item.run('j', 2, 'ORD-2', 'lost')).toThrow(/CHECK/);
    expect(() => item.run('nope', 0, 'ORD-3', 'pending')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(`UPDATE staging_jobs SET state = 'sleeping' WHERE id = 'j'`).run()).toThrow(/CHECK/);
    db.prepare(`DELETE FROM staging_jobs WHERE id = 'j'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM staging_items').get()).toEqual({ n: 0 });
    after.close();
  });
});
