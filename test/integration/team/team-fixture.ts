import pg from 'pg';
import type { CoreConfig } from '../../../electron/core/create-core';
import type { Sandbox } from '../../../electron/core/sandbox';
import { initTeamDatabase } from '../../../electron/core/team/team-init';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import type { TestPostgres } from '../../support/postgres';

/** Runs `fn` with a connected client for `url`, closing it after. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const CONSOLE_PASSWORD = 'console-test-password';

/** A database set up as `team-db --init` does; answers the URL a console is given (with its password). */
export async function teamDatabase(server: TestPostgres, name: string): Promise<string> {
  const adminUrl = await server.createDatabase(name);
  await withClient(adminUrl, (client) => initTeamDatabase(client, { password: CONSOLE_PASSWORD }));
  return server.urlFor('lastmile_console', CONSOLE_PASSWORD, name);
}

/** Quick enough that a test sees a change within a second; reconnects soon after the server is back. */
export const TEST_TEAM_TUNING = { pollMs: 50, pullEveryMs: 1_000, retryDelaysMs: [100, 200, 400] };

/** A console core on its own data folder, on the shared sandbox, with the built-in environment in team mode. */
export async function teamConsole(
  sandbox: Sandbox,
  teamUrl: string,
  config: Partial<CoreConfig> = {},
): Promise<CoreHarness> {
  const harness = await startCoreHarness({
    sandbox,
    clock: sandbox.clock,
    prefetch: false,
    imports: { progressEveryMs: 0 },
    team: TEST_TEAM_TUNING,
    ...config,
  });
  await harness.value('team:set', { id: 'sandbox', url: teamUrl });
  return harness;
}

/** Waits until the console's outbox is empty and what the team had is applied. */
export async function settled(harness: CoreHarness, timeoutMs = 15_000): Promise<void> {
  await harness.core.services.team.sync('sandbox')!.settled(timeoutMs);
}

/**
 * Waits until every console has sent all it had and then read all the others sent: twice round, since a
 * console that settles first may have pulled before a slower one reconnected and pushed.
 */
export async function settledAll(harnesses: CoreHarness[], timeoutMs = 15_000): Promise<void> {
  await Promise.all(harnesses.map((h) => settled(h, timeoutMs)));
  await Promise.all(harnesses.map((h) => settled(h, timeoutMs)));
}
