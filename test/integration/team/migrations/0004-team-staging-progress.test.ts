import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamMigrations } from '../../../../electron/core/team/migrations';
import { migrateTeam } from '../../../../electron/core/team/team-schema';
import type { TestPostgres } from '../../../support/postgres';
import { startPostgres } from '../../../support/postgres';
import { withClient } from '../team-fixture';

describe('team migration 0004-team-staging-progress', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => server?.close());

  it('adds the progress table to a version 3 database, one row per job of an environment', async () => {
    const url = await server.createDatabase('m0004');
    await withClient(url, async (client) => {
      await migrateTeam(client, teamMigrations.slice(0, 3));
      expect(await migrateTeam(client, teamMigrations.slice(0, 4))).toEqual({ from: 3, to: 4 });
      const insert = (env: string, job: string, staged = 1) =>
        client.query(
          `INSERT INTO team_staging_progress (environment_id, job_id, console_id, console_name, job_name, state,
             total, staged, failed, pending)
           VALUES ($1, $2, 'c1', 'ana', 'sheet', 'running', 3, $3, 0, 2)`,
          [env, job, staged],
        );
      await insert('prod', 'j1');
      await insert('staging', 'j1');
      await expect(insert('prod', 'j1')).rejects.toThrow(/duplicate key/);
      await expect(insert('prod', 'j2', -1)).rejects.toThrow(/check constraint/);
      const rows = await client.query(
        'SELECT environment_id, job_id, updated_at IS NOT NULL AS stamped FROM team_staging_progress ORDER BY 1',
      );
      expect(rows.rows).toEqual([
        { environment_id: 'prod', job_id: 'j1', stamped: true },
        { environment_id: 'staging', job_id: 'j1', stamped: true },
      ]);
    });
  });
});
