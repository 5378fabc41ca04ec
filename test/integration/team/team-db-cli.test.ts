import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamMigrations } from '../../../electron/core/team/migrations';
import type { TestPostgres } from '../../support/postgres';
import { startPostgres } from '../../support/postgres';
import { withClient } from './team-fixture';

const exec = promisify(execFile);

describe('npm run team-db -- --init', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => server?.close());

  it('creates the schema and a console role that may add and read rows but not rewrite history or the schema', async () => {
    const url = await server.createDatabase('team');
    const { stdout } = await exec('npx', ['tsx', 'electron/cli/team-db.ts', '--init', url]);
    expect(stdout).toContain(`Team schema from version 0 to ${teamMigrations.length}`);
    const password = /password \(shown once[^:]*\): (\S+)/.exec(stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const consoleUrl = server.urlFor('lastmile_console', password!, 'team');
    await withClient(consoleUrl, async (client) => {
      await client.query(
        `INSERT INTO team_audit (uid, environment_id, at_ms, action, request, outcome, origin, change_seq)
         VALUES ('c:1', 'prod', 1, 'orders:update', '{}', 'ok', 'c', nextval('team_change_seq'))`,
      );
      expect((await client.query('SELECT count(*)::int AS n FROM team_audit')).rows).toEqual([{ n: 1 }]);
      await expect(client.query('DELETE FROM team_audit')).rejects.toThrow(/permission denied/);
      await expect(client.query(`UPDATE team_order_events SET kind = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(client.query('CREATE TABLE mine (x int)')).rejects.toThrow(/permission denied/);
      await expect(client.query('DROP TABLE team_orders')).rejects.toThrow(/must be owner/);
    });
    const again = await exec('npx', ['tsx', 'electron/cli/team-db.ts', '--init', url, '--keep-password']);
    expect(again.stdout).toContain(`already at version ${teamMigrations.length}`);
    expect(again.stdout).not.toContain('password (shown once');
    await withClient(consoleUrl, async (client) => {
      expect((await client.query('SELECT version FROM team_schema')).rows).toEqual([
        { version: teamMigrations.length },
      ]);
    });
  }, 60_000);

  it('says what is wrong with an address it cannot use', async () => {
    const failed = await exec('npx', ['tsx', 'electron/cli/team-db.ts', '--init', 'mysql://x@y/z']).catch(
      (error: { stderr: string; code: number }) => error,
    );
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('must start with postgres://') });
  }, 30_000);
});
