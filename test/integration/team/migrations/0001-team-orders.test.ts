import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamMigrations } from '../../../../electron/core/team/migrations';
import { checkTeamSchema, migrateTeam } from '../../../../electron/core/team/team-schema';
import type { TestPostgres } from '../../../support/postgres';
import { startPostgres } from '../../../support/postgres';
import { withClient } from '../team-fixture';

describe('team migration 0001-team-orders', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => server?.close());

  it('creates the shared tables on an empty database, numbers writes in one sequence and notifies them', async () => {
    const url = await server.createDatabase('m0001');
    await withClient(url, async (client) => {
      expect(await migrateTeam(client, teamMigrations.slice(0, 1))).toEqual({ from: 0, to: 1 });
      expect(await checkTeamSchema(client, teamMigrations.slice(0, 1))).toBe(1);
      const tables = await client.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
      );
      expect(tables.rows.map((r) => r.name)).toEqual(['team_audit', 'team_order_events', 'team_orders', 'team_schema']);
      await withClient(url, async (listener) => {
        const heard: string[] = [];
        listener.on('notification', (n) => heard.push(n.payload ?? ''));
        await listener.query('LISTEN lastmile_team');
        await client.query(
          `INSERT INTO team_audit (uid, environment_id, at_ms, action, request, outcome, origin, change_seq)
           VALUES ('c:1', 'prod', 1, 'orders:update', '{}', 'ok', 'c', nextval('team_change_seq')),
                  ('c:2', 'prod', 2, 'orders:update', '{}', 'ok', 'c', nextval('team_change_seq'))`,
        );
        await expect.poll(() => heard).toEqual(['prod']);
      });
      const seqs = await client.query<{ change_seq: string }>('SELECT change_seq FROM team_audit ORDER BY uid');
      expect(seqs.rows.map((r) => Number(r.change_seq))).toEqual([1, 2]);
      await expect(
        client.query(
          `INSERT INTO team_audit (uid, environment_id, at_ms, action, request, outcome, origin, change_seq)
           VALUES ('c:1', 'prod', 1, 'x', '{}', 'ok', 'c', 3)`,
        ),
      ).rejects.toThrow(/duplicate key/);
    });
  });
});
