import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { CACHE_DAMAGED } from '../../../shared/contract';
import { CoreError } from '../core-error';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export function notSqliteError(file: string, cause?: unknown): CoreError {
  return new CoreError(
    {
      code: 'database_unreadable',
      message: `The cache file ${file} is not a readable SQLite database (it may be damaged, or another program wrote it).`,
      hint: 'Nothing was changed. Move or rename that file and restart the console: it starts a new cache and fetches orders again as you use them. Keep the old file if you need its audit log.',
    },
    { cause },
  );
}

/**
 * Refuses, before SQLite touches it, a file that is not a SQLite database: opening it would not fail
 * until the first query, and switching it to WAL would write to it. An empty file is a new database.
 * Answers whether the file holds a database (which is then worth checking).
 */
export function assertSqliteFile(file: string): boolean {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  if (size === 0) return false;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) throw notSqliteError(file);
  return true;
}

/** What SQLite answers for a file whose pages do not hold what they should. */
const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB)/;

export function isDamageError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && DAMAGE_CODES.test(String(error.code));
}

/** The file opens as SQLite but some of its pages are damaged: said once, for every call that needs it. */
export function damagedError(file: string, cause?: unknown): CoreError {
  return new CoreError(
    {
      code: CACHE_DAMAGED,
      message: `The cache file ${file} is damaged (some of its pages do not hold what they should, for instance after a disk fault). The console no longer writes to it, so nothing more is lost.`,
      hint: 'Choose "Set the damaged file aside and rebuild": the file is kept beside the new one, the staging jobs and audit entries that can still be read are copied, and orders are fetched again as you use them.',
    },
    { cause },
  );
}
