import type { Database } from 'better-sqlite3';
import { CoreError } from '../core-error';
import { systemError } from '../system-errors';
import type { Migration } from './migrations/migration';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Versions only go up, so a file runs each step above its own version once. Numbers are handed out
 * ahead of the work that uses them, so a version may be missing until that work lands.
 */
function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = index === 0 ? 0 : migrations[index - 1]!.version;
    if (migration.version <= previous) {
      throw new Error(
        `Migration "${migration.name}" has version ${migration.version}; expected more than ${previous}.`,
      );
    }
  });
}

export function tooNewError(file: string, found: number, latest: number): CoreError {
  return new CoreError({
    code: 'database_too_new',
    message: `The cache file ${file} was written by a newer version of Last Mile Console (database version ${found}; this version knows up to ${latest}).`,
    hint: 'Nothing was changed. Install the newer version of Last Mile Console, or start this one with another data folder (set LASTMILE_DATA_DIR).',
  });
}

/**
 * Brings the schema to the latest version: every pending migration and the new user_version in one
 * transaction, so a failure leaves the file exactly as it was. A file from a newer version is refused.
 */
export function migrate(db: Database, migrations: readonly Migration[], file: string): { from: number; to: number } {
  checkSequence(migrations);
  const from = schemaVersion(db);
  const to = latestVersion(migrations);
  if (from > to) throw tooNewError(file, from, to);
  if (from === to) return { from, to };
  let running: Migration | undefined;
  try {
    db.transaction(() => {
      for (const migration of migrations.filter((step) => step.version > from)) {
        running = migration;
        migration.up(db);
      }
      db.pragma(`user_version = ${to}`);
    })();
  } catch (error) {
    const step = running ? `${String(running.version).padStart(4, '0')}-${running.name}` : 'unknown';
    throw new CoreError(
      {
        code: 'database_migration_failed',
        message: `The cache file ${file} could not be updated to version ${to} (step ${step} failed). ${systemError(error, { what: 'update it', path: file }).message}`,
        hint: 'Nothing was changed. Start the console with another data folder (set LASTMILE_DATA_DIR) and report this error.',
      },
      { cause: error },
    );
  }
  return { from, to };
}
