import { closeSync, openSync, readSync, statSync } from 'node:fs';
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
 */
export function assertSqliteFile(file: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return;
  }
  if (size === 0) return;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) throw notSqliteError(file);
}
