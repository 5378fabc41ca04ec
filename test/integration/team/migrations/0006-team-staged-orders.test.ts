import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamMigrations } from '../../../../electron/core/team/migrations';
import { migrateTeam } from '../../../../electron/core/team/team-schema';
import type { TestPostgres } from '../../../support/postgres';
import { startPostgres } from '../../../support/postgres';
import { withClient } from '../team-fixture';

describe('team migration 0006-team-staged-orders', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => server?.close());

  it('lets a version 5 database’s claims say when their order was staged, none for the claims already there', async () => {
    const url = await server.createDatabase('m0006');
    await withClient(url, async (client) => {
      await migrateTeam(client, teamMigrations.slice(0, 5));
      await client.query(
        `INSERT INTO team_staging_claims (environment_id, order_id, claim_id, console_name, lease_until)
         VALUES ('prod', 'O-1', 'j1', 'ana', now() + interval '1 minute')`,
      );
      expect(await migrateTeam(client, teamMigrations.slice(0, 6))).toEqual({ from: 5, to: 6 });
      await client.query(
        `INSERT INTO team_staging_claims (environment_id, order_id, claim_id, console_name, lease_until, staged_ms)
         VALUES ('prod', 'O-2', 'j2', 'ben', now(), 1700000000000)`,
      );
      const rows = await client.query('SELECT order_id, staged_ms FROM team_staging_claims ORDER BY 1');
      expect(rows.rows).toEqual([
        { order_id: 'O-1', staged_ms: null },
        { order_id: 'O-2', staged_ms: '1700000000000' },
      ]);
      const index = await client.query(
        `SELECT indexname FROM pg_indexes WHERE tablename = 'team_staging_claims' AND indexname LIKE '%staged%'`,
      );
      expect(index.rows).toEqual([{ indexname: 'team_staging_claims_staged' }]);
    });
  });
});
