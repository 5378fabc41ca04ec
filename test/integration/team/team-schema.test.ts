import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTeamSchema, migrateTeam } from '../../../electron/core/team/team-schema';
import { teamMigrations } from '../../../electron/core/team/migrations';
import type { TestPostgres } from '../../support/postgres';
import { startPostgres } from '../../support/postgres';
import { withClient } from './team-fixture';

describe('the team schema version', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => server?.close());

  it('refuses a database from a newer version, for consoles and for --init, changing nothing', async () => {
    const url = await server.createDatabase('newer');
    await withClient(url, async (client) => {
      await migrateTeam(client);
      const latest = teamMigrations.length;
      await client.query('UPDATE team_schema SET version = $1', [latest + 1]);
      await expect(checkTeamSchema(client)).rejects.toMatchObject({
        appError: { code: 'team_database_too_new', message: expect.stringContaining(`schema version ${latest + 1}`) },
      });
      await expect(migrateTeam(client)).rejects.toMatchObject({ appError: { code: 'team_database_too_new' } });
      expect((await client.query('SELECT version FROM team_schema')).rows).toEqual([{ version: latest + 1 }]);
    });
  });

  it('tells a console to run --init on a database without the schema, and running it twice changes nothing', async () => {
    const url = await server.createDatabase('fresh');
    await withClient(url, async (client) => {
      await expect(checkTeamSchema(client)).rejects.toMatchObject({
        appError: { code: 'team_database_not_ready', hint: expect.stringContaining('team-db -- --init') },
      });
      expect(await migrateTeam(client)).toEqual({ from: 0, to: teamMigrations.length });
      expect(await migrateTeam(client)).toEqual({ from: teamMigrations.length, to: teamMigrations.length });
      expect(await checkTeamSchema(client)).toBe(teamMigrations.length);
    });
  });
});
