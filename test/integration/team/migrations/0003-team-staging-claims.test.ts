import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamMigrations } from '../../../../electron/core/team/migrations';
import { migrateTeam } from '../../../../electron/core/team/team-schema';
import type { TestPostgres } from '../../../support/postgres';
import { startPostgres } from '../../../support/postgres';
import { withClient } from '../team-fixture';

describe('team migration 0003-team-staging-claims', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => server?.close());

  it('adds the claims table to a version 2 database, one claim per order of an environment', async () => {
    const url = await server.createDatabase('m0003');
    await withClient(url, async (client) => {
      await migrateTeam(client, teamMigrations.slice(0, 2));
      expect(await migrateTeam(client, teamMigrations.slice(0, 3))).toEqual({ from: 2, to: 3 });
      const insert = (env: string, claim: string) =>
        client.query(
          `INSERT INTO team_staging_claims (environment_id, order_id, claim_id, console_name, lease_until)
           VALUES ($1, 'O-1', $2, 'ana', now() + interval '1 minute')`,
          [env, claim],
        );
      await insert('prod', 'j1');
      await insert('staging', 'j2');
      await expect(insert('prod', 'j3')).rejects.toThrow(/duplicate key/);
      const rows = await client.query('SELECT environment_id, claim_id FROM team_staging_claims ORDER BY 1');
      expect(rows.rows).toEqual([
        { environment_id: 'prod', claim_id: 'j1' },
        { environment_id: 'staging', claim_id: 'j2' },
      ]);
    });
  });
});
