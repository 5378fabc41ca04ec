import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../../electron/core/store/migrations';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, userVersion } from './migration-fixture';

describe('migration 0006-staging-lease', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('adds the lease columns to a version 5 file, keeping its jobs and items with no owner', () => {
    fixture = databaseAt(5);
    fixture.exec(
      `INSERT INTO staging_jobs (id, name, environment_id, state, created_ms, updated_ms) VALUES ('j', 'n', 'sandbox', 'paused', 1, 2);
       INSERT INTO staging_items (job_id, seq, order_id, stage_values, state, updated_ms) VALUES ('j', 0, 'ORD-1', '{}', 'done', 2);`,
    );
    const after = fixture.open();
    expect(userVersion(fixture.file)).toBe(migrations.at(-1)!.version);
    const columns = (after.db.prepare('PRAGMA table_info(staging_jobs)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toEqual(expect.arrayContaining(['owner_id', 'owner_pid', 'owner_host', 'heartbeat_ms']));
    expect(
      after.db.prepare('SELECT id, state, owner_id, owner_pid, owner_host, heartbeat_ms FROM staging_jobs').all(),
    ).toEqual([{ id: 'j', state: 'paused', owner_id: null, owner_pid: null, owner_host: null, heartbeat_ms: null }]);
    expect(after.db.prepare('SELECT order_id, state FROM staging_items').all()).toEqual([
      { order_id: 'ORD-1', state: 'done' },
    ]);
    after.close();
  });
});
