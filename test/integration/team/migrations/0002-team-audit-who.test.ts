import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamMigrations } from '../../../../electron/core/team/migrations';
import { migrateTeam } from '../../../../electron/core/team/team-schema';
import type { TestPostgres } from '../../../support/postgres';
import { startPostgres } from '../../../support/postgres';
import { withClient } from '../team-fixture';

describe('team migration 0002-team-audit-who', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => server?.close());

  it('gives a version 1 database’s audit entries who, the environment’s name and the changes, keeping old entries', async () => {
    const url = await server.createDatabase('m0002');
    await withClient(url, async (client) => {
      await migrateTeam(client, teamMigrations.slice(0, 1));
      await client.query(
        `INSERT INTO team_audit (uid, environment_id, at_ms, action, request, outcome, origin, change_seq)
         VALUES ('c:1', 'prod', 1, 'order.update', '{}', 'ok', 'c', nextval('team_change_seq'))`,
      );
      expect(await migrateTeam(client, teamMigrations.slice(0, 2))).toEqual({ from: 1, to: 2 });
      const rows = await client.query('SELECT uid, actor, environment_name, changes FROM team_audit');
      expect(rows.rows).toEqual([{ uid: 'c:1', actor: null, environment_name: null, changes: '[]' }]);
    });
  });
});
