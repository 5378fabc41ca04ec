import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Entry } from '@napi-rs/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamPasswordKey } from '../../../electron/core/team/team-service';
import { TEAM_SETTINGS_FILE } from '../../../electron/core/team/team-settings';
import type { TeamView } from '../../../shared/contract';
import { teamMigrations } from '../../../electron/core/team/migrations';
import type { CoreHarness } from '../../support/core-harness';
import { TEST_KEYCHAIN_SERVICE, startCoreHarness } from '../../support/core-harness';
import type { TestPostgres } from '../../support/postgres';
import { startPostgres } from '../../support/postgres';
import { CONSOLE_PASSWORD, TEST_TEAM_TUNING, teamDatabase } from './team-fixture';

let server: TestPostgres;
let harness: CoreHarness;
let teamUrl: string;

beforeAll(async () => {
  server = await startPostgres();
  teamUrl = await teamDatabase(server, 'team');
  harness = await startCoreHarness({ sandbox: false, prefetch: false, team: TEST_TEAM_TUNING });
}, 60_000);
afterAll(async () => {
  await harness?.close();
  await server?.close();
});

const add = () =>
  harness.value<{ id: string }>('environments:add', {
    name: `Team ${Math.random().toString(36).slice(2, 8)}`,
    kind: 'custom',
    baseUrl: 'https://connect.example.com',
    clientId: 'client',
  });

describe("an environment's team database setting", () => {
  it('keeps the password in the keychain only, and works alone again when cleared', async () => {
    const { id } = await add();
    const view = await harness.value<TeamView>('team:set', { id, url: teamUrl });
    expect(view).toMatchObject({ hasPassword: true, url: expect.not.stringContaining(CONSOLE_PASSWORD) });
    const file = readFileSync(join(harness.dataDir, TEAM_SETTINGS_FILE), 'utf8');
    expect(file).toContain('lastmile_console');
    expect(file).not.toContain(CONSOLE_PASSWORD);
    expect(new Entry(TEST_KEYCHAIN_SERVICE, teamPasswordKey(id)).getPassword()).toBe(CONSOLE_PASSWORD);
    const audit = await harness.value<{ rows: { action: string; request: unknown }[] }>('audit:list', {
      action: 'team:set',
    });
    expect(JSON.stringify(audit.rows)).not.toContain(CONSOLE_PASSWORD);
    // The audit entries of adding and setting it go out first: then nothing waits.
    await expect
      .poll(() => harness.value('team:test', { id }))
      .toEqual({ schemaVersion: teamMigrations.length, pending: 0 });

    const alone = await harness.value<TeamView>('team:set', { id, url: null });
    expect(alone).toMatchObject({ url: null, hasPassword: false, sync: null });
    expect(new Entry(TEST_KEYCHAIN_SERVICE, teamPasswordKey(id)).getPassword()).toBeFalsy();
    expect(await harness.call('team:test', { id })).toMatchObject({ ok: false, error: { code: 'no_team_database' } });
  });

  it('requires TLS unless the address says sslmode=disable, and names a wrong password as such', async () => {
    const { id } = await add();
    await harness.value('team:set', { id, url: teamUrl.replace('?sslmode=disable', '') });
    const refused = await harness.call('team:test', { id });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'team_database_unreachable',
        key: 'teamDatabaseUrl',
        message: expect.stringContaining('encrypted'),
      },
    });
    await harness.value('team:set', { id, url: teamUrl, password: 'not-the-password' });
    expect(await harness.call('team:test', { id })).toMatchObject({
      ok: false,
      error: { code: 'team_database_unreachable', key: 'teamPassword', message: expect.stringContaining('refused') },
    });
    await expect
      .poll(async () => (await harness.value<TeamView>('team:get', { id })).sync)
      .toMatchObject({ state: 'offline', problem: expect.stringContaining('refused') });
    await harness.value('team:set', { id, url: null });
  });
});
