import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import type { CoreError } from '../core-error';
import { isCoreError } from '../core-error';
import { systemError } from '../system-errors';
import { assertSqliteFile, notSqliteError } from './database-file';
import { buildLeftDeferredIndexes } from './deferred-indexes';
import { checkBeforeOpen, markOpen } from './file-check';
import { latestVersion, migrate, schemaVersion, tooNewError } from './migrate';
import type { Migration } from './migrations/migration';
import { migrations as allMigrations } from './migrations';

export interface CacheDatabase {
  readonly db: Database.Database;
  readonly file: string;
  readonly clock: Clock;
  /** Whether damage was seen while it was in use: from then on nothing is written to it. */
  readonly damaged: boolean;
  markDamaged(): void;
  close(): void;
}

export interface OpenOptions {
  clock?: Clock;
  /** Only tests pass this, to stop at an earlier version. */
  migrations?: readonly Migration[];
}

function sqliteCode(error: unknown): string | undefined {
  return error instanceof Database.SqliteError ? error.code : undefined;
}

function openError(file: string, error: unknown): CoreError {
  if (isCoreError(error)) return error;
  const code = sqliteCode(error);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return notSqliteError(file, error);
  return systemError(error, { what: 'open the cache', path: file }, 'database_unavailable');
}

/**
 * Opens (or creates) the cache file and brings its schema up to date.
 *
 * Durability: `synchronous = FULL` for the whole connection. In WAL mode NORMAL may lose the last
 * commits on a power cut; that is harmless for cached orders (they are fetched again) but not for the
 * audit log or the bulk-staging journal, which record what a user did and what is still to do, and
 * share this connection and this WAL. Switching per transaction would be lost silently by a write
 * nested in someone else's transaction. FULL costs one fsync per commit: invisible at the API's pace
 * (every write follows a network call), and a bulk load is one transaction.
 */
export function openDatabase(file: string, options: OpenOptions = {}): CacheDatabase {
  const migrations = options.migrations ?? allMigrations;
  let db: Database.Database;
  try {
    if (assertSqliteFile(file)) checkBeforeOpen(file);
    mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
  } catch (error) {
    throw openError(file, error);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Checked before WAL is switched on: turning WAL on writes to the file.
    const found = schemaVersion(db);
    if (found > latestVersion(migrations)) throw tooNewError(file, found, latestVersion(migrations));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    // Before the migrations, which may change these indexes, and before anything searches.
    buildLeftDeferredIndexes(db);
    migrate(db, migrations, file);
  } catch (error) {
    db.close();
    throw openError(file, error);
  }
  const unmark = markOpen(file);
  let damaged = false;
  return {
    db,
    file,
    clock: options.clock ?? systemClock,
    get damaged() {
      return damaged;
    },
    markDamaged() {
      if (damaged || !db.open) return;
      damaged = true;
      // Refuses every later write on this connection, whoever holds it (a runner mid-job included).
      db.pragma('query_only = ON');
    },
    close() {
      if (!db.open) return;
      try {
        // `optimize` writes the planner's statistics (sqlite_stat1) into the file: never into a damaged one.
        if (!damaged) db.pragma('optimize');
      } finally {
        db.close();
        unmark();
      }
    },
  };
}
