import Database from 'better-sqlite3';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { damagedError, isDamageError, notSqliteError } from './database-file';

export type CheckMode = 'quick' | 'full';

/** What a check found: how many problems SQLite listed, and the pages they name (at most MAX_PAGES). */
export interface CheckFindings {
  problemCount: number;
  pages: number[];
}

/** SQLite stops listing after this many problems; enough to tell a bad sector from a wrecked file. */
export const MAX_PROBLEMS = 1000;
const MAX_PAGES = 50;

/**
 * Runs SQLite's own check. `quick_check` reads every page and checks the b-trees but not that each
 * index matches its table; on a cache of 100,000 orders (105 MB) it took 160 ms here, and the full
 * `integrity_check` 565 ms. So every open runs the quick one, and the full one runs after an unclean
 * shutdown (when a write may have been cut short) and when the user asks.
 */
export function findProblems(db: Database.Database, mode: CheckMode): CheckFindings {
  const pragma = mode === 'quick' ? 'quick_check' : 'integrity_check';
  let lines: string[];
  try {
    lines = (db.pragma(`${pragma}(${MAX_PROBLEMS})`) as Record<string, string>[]).map((row) => String(row[pragma]));
  } catch (error) {
    if (!isDamageError(error)) throw error;
    return { problemCount: 1, pages: [] };
  }
  if (lines.length === 1 && lines[0] === 'ok') return { problemCount: 0, pages: [] };
  const pages = new Set<number>();
  for (const line of lines) {
    for (const match of line.matchAll(/page (\d+)/gi)) if (pages.size < MAX_PAGES) pages.add(Number(match[1]));
  }
  return { problemCount: lines.length, pages: [...pages].sort((a, b) => a - b) };
}

function openReadOnly(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A hot rollback journal or a WAL to recover, which only a connection that may write can deal with. */
const needsRecovery = (error: unknown) =>
  error instanceof Database.SqliteError && /^SQLITE_READONLY_(ROLLBACK|RECOVERY)$/.test(error.code);

/**
 * Opens the file read-only (so nothing, not even a WAL checkpoint, writes to it) and checks it. After a
 * crash, SQLite first restores the file to its last commit from the journal it left: that takes a
 * connection that may write, and is what any open would do, so it is let happen and the check follows.
 */
export function checkFile(file: string, mode: CheckMode): CheckFindings {
  let db: Database.Database;
  try {
    try {
      db = openReadOnly(file);
    } catch (error) {
      if (!needsRecovery(error)) throw error;
      const recovering = new Database(file, { fileMustExist: true });
      try {
        recovering.prepare('SELECT count(*) FROM sqlite_schema').get();
      } finally {
        recovering.close();
      }
      db = openReadOnly(file);
    }
  } catch (error) {
    if (isDamageError(error)) throw notSqliteError(file, error);
    throw error;
  }
  try {
    return findProblems(db, mode);
  } finally {
    db.close();
  }
}

/** Checks an existing file before the console writes to it; throws `cache_damaged` when pages are damaged. */
export function checkBeforeOpen(file: string): void {
  const findings = checkFile(file, uncleanShutdown(file) ? 'full' : 'quick');
  if (findings.problemCount > 0) throw damagedError(file);
}

// A marker per process beside the file says it is open; one left by a process that is gone means
// that process did not close it. Per process, so a console and a CLI on one folder do not mistake each other.
const markerPrefix = (file: string) => `${basename(file)}.open-`;

function markers(file: string): { path: string; pid: number }[] {
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return [];
  }
  const prefix = markerPrefix(file);
  return names
    .filter((name) => name.startsWith(prefix))
    .map((name) => ({ path: join(dirname(file), name), pid: Number(name.slice(prefix.length)) }));
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function uncleanShutdown(file: string): boolean {
  return markers(file).some((marker) => marker.pid !== process.pid && !alive(marker.pid));
}

/** Marks the file open by this process (after it passed its check) and answers how to unmark it. */
export function markOpen(file: string): () => void {
  for (const marker of markers(file)) if (!alive(marker.pid)) rmSync(marker.path, { force: true });
  const own = join(dirname(file), `${markerPrefix(file)}${process.pid}`);
  writeFileSync(own, '');
  return () => rmSync(own, { force: true });
}
