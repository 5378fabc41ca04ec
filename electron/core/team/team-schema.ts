import type pg from 'pg';
import { CoreError } from '../core-error';
import { teamMigrations } from './migrations';
import type { TeamMigration } from './migrations/team-migration';

/** The version the schema is at: 0 for a database `team-db --init` has never run on. */
export async function teamSchemaVersion(client: pg.ClientBase): Promise<number> {
  const table = await client.query<{ exists: boolean }>(`SELECT to_regclass('team_schema') IS NOT NULL AS exists`);
  if (!table.rows[0]?.exists) return 0;
  const row = await client.query<{ version: number }>('SELECT version FROM team_schema');
  return row.rows[0]?.version ?? 0;
}

export function teamTooNewError(found: number, latest: number): CoreError {
  return new CoreError({
    code: 'team_database_too_new',
    message: `The team database was set up by a newer version of Last Mile Console (schema version ${found}; this version knows up to ${latest}).`,
    hint: 'Nothing was changed. Install the newer version of Last Mile Console on this computer; until then it works alone.',
  });
}

function notSetUpError(found: number, latest: number): CoreError {
  return new CoreError({
    code: 'team_database_not_ready',
    message:
      found === 0
        ? 'The team database has no Last Mile Console schema yet.'
        : `The team database is at schema version ${found}; this console needs version ${latest}.`,
    hint: 'Whoever administers the database runs `npm run team-db -- --init URL` once with an owner account, then test the connection again.',
  });
}

/** What a console checks before it syncs: the schema it knows, exactly; an older or newer one is refused. */
export async function checkTeamSchema(
  client: pg.ClientBase,
  migrations: readonly TeamMigration[] = teamMigrations,
): Promise<number> {
  const latest = migrations.at(-1)?.version ?? 0;
  const found = await teamSchemaVersion(client);
  if (found > latest) throw teamTooNewError(found, latest);
  if (found < latest) throw notSetUpError(found, latest);
  return found;
}

/**
 * Brings the team schema to the latest version in one transaction, under a lock so two administrators
 * running `--init` at once do not both run a step. A database from a newer version is refused untouched.
 */
export async function migrateTeam(
  client: pg.ClientBase,
  migrations: readonly TeamMigration[] = teamMigrations,
): Promise<{ from: number; to: number }> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Team migration "${m.name}" has version ${m.version}; expected ${i + 1}.`);
  });
  const to = migrations.at(-1)?.version ?? 0;
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('lastmile_team_schema'))`);
    await client.query('CREATE TABLE IF NOT EXISTS team_schema (version integer NOT NULL)');
    const from = await teamSchemaVersion(client);
    if (from > to) throw teamTooNewError(from, to);
    for (const migration of migrations.slice(from)) await migration.up(client);
    await client.query('DELETE FROM team_schema');
    await client.query('INSERT INTO team_schema (version) VALUES ($1)', [to]);
    await client.query('COMMIT');
    return { from, to };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
