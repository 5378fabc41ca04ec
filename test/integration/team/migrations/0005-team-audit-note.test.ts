import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamMigrations } from '../../../../electron/core/team/migrations';
import { migrateTeam } from '../../../../electron/core/team/team-schema';
import type { TestPostgres } from '../../../support/postgres';
import { startPostgres } from '../../../support/postgres';
import { withClient } from '../team-fixture';

describe('team migration 0005-team-audit-note', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => server?.close());

  it('gives a version 4 database’s audit entries a reason or ticket, none for the entries already there', async () => {
    const url = await server.createDatabase('m0005');
    await withClient(url, async (client) => {
      await migrateTeam(client, teamMigrations.slice(0, 4));
      await client.query(
        `INSERT INTO team_audit (uid, environment_id, at_ms, action, request, outcome, origin, change_seq)
         VALUES ('c:1', 'prod', 1, 'order.update', '{}', 'ok', 'c', nextval('team_change_seq'))`,
      );
      expect(await migrateTeam(client, teamMigrations.slice(0, 5))).toEqual({ from: 4, to: 5 });
      await client.query(
        `INSERT INTO team_audit (uid, environment_id, at_ms, action, request, outcome, origin, change_seq, note)
         VALUES ('c:2', 'prod', 2, 'order.tip', '{}', 'ok', 'c', nextval('team_change_seq'), 'ticket 4411')`,
      );
      const rows = await client.query('SELECT uid, note FROM team_audit ORDER BY uid');
      expect(rows.rows).toEqual([
        { uid: 'c:1', note: null },
        { uid: 'c:2', note: 'ticket 4411' },
      ]);
    });
  });
});
