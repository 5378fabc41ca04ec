import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { CacheRebuild, RowsSaved } from '../../../shared/contract';
import { isDamageError } from './database-file';

/** Files SQLite keeps beside the database; moved with it so the set-aside copy stays whole. */
const COMPANIONS = ['', '-wal', '-shm'];

/** After this many unreadable rows in a row the rest of a table is taken as lost (a wrecked b-tree). */
const MAX_MISSES_IN_A_ROW = 10_000;

/** Moves the file (and its WAL) to `<name>.damaged-<time>.db` beside it; answers where. */
export function setAside(file: string, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  const ext = extname(file);
  let target = join(dirname(file), `${basename(file, ext)}.damaged-${stamp}${ext}`);
  for (let n = 2; existsSync(target); n++)
    target = join(dirname(file), `${basename(file, ext)}.damaged-${stamp}-${n}${ext}`);
  for (const suffix of COMPANIONS) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}

/**
 * Copies one table row by row, in rowid order, seeking past each row that cannot be read: a damaged page
 * loses the rows on it, not the whole table. Rows the new file refuses (a job that was lost, for an item)
 * count as lost too.
 */
function copyTable(from: Database.Database, into: Database.Database, table: string, columns: string[]): RowsSaved {
  const next = from.prepare(
    `SELECT rowid AS row_id, ${columns.join(', ')} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT 1`,
  );
  const insert = into.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  const counts = { saved: 0, lost: 0 };
  let after = Number.MIN_SAFE_INTEGER;
  let misses = 0;
  while (misses < MAX_MISSES_IN_A_ROW) {
    let row: Record<string, unknown> | undefined;
    try {
      row = next.get(after) as Record<string, unknown> | undefined;
    } catch (error) {
      if (!isDamageError(error)) throw error;
      misses++;
      after = after === Number.MIN_SAFE_INTEGER ? 1 : after + 1;
      continue;
    }
    if (!row) break;
    counts.lost += misses;
    misses = 0;
    after = Number(row.row_id);
    const { row_id: _rowId, ...values } = row;
    try {
      insert.run(values);
      counts.saved++;
    } catch (error) {
      if (!(error instanceof Database.SqliteError)) throw error;
      counts.lost++;
    }
  }
  return counts;
}

function copyOrLose(
  from: Database.Database | null,
  into: Database.Database,
  table: string,
  columns: string[],
): RowsSaved {
  if (!from) return { saved: 0, lost: 0 };
  try {
    return copyTable(from, into, table, columns);
  } catch (error) {
    // A table that cannot even be named (its schema row damaged, or a file from before it existed).
    if (!(error instanceof Database.SqliteError)) throw error;
    return { saved: 0, lost: 0 };
  }
}

function openAside(file: string): Database.Database | null {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    if (isDamageError(error)) return null;
    throw error;
  }
}

/** Copies the user's own work (the staging journal and the audit log) from the damaged file, where readable. */
export function copyReadable(damaged: string, into: Database.Database): Omit<CacheRebuild, 'keptAt' | 'message'> {
  const from = openAside(damaged);
  try {
    return into.transaction(() => ({
      stagingJobs: copyOrLose(from, into, 'staging_jobs', [
        'id',
        'name',
        'environment_id',
        'state',
        'error',
        'created_ms',
        'updated_ms',
      ]),
      stagingItems: copyOrLose(from, into, 'staging_items', [
        'job_id',
        'seq',
        'order_id',
        'line',
        'stage_values',
        'state',
        'uncertain',
        'attempts',
        'lookups',
        'not_before_ms',
        'order_status',
        'note',
        'last_error',
        'updated_ms',
      ]),
      auditEntries: copyOrLose(from, into, 'audit_log', [
        'id',
        'at_ms',
        'environment_id',
        'action',
        'order_id',
        'request',
        'outcome',
        'error',
      ]),
    }))();
  } finally {
    from?.close();
  }
}
