import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { CacheDatabase } from '../../../../electron/core/store/open-database';
import { openDatabase } from '../../../../electron/core/store/open-database';
import { migrations } from '../../../../electron/core/store/migrations';
import { tempDir } from '../../../support/temp-dir';

export interface MigrationFixture {
  file: string;
  /** Runs SQL on the file as it is, without migrating it. */
  exec(sql: string): void;
  /** Opens it as the console does, which migrates it to the latest version. */
  open(): CacheDatabase;
  remove(): void;
}

/** A database file brought to `version` exactly, as a console of that version left it. */
export function databaseAt(version: number): MigrationFixture {
  const dir = tempDir('lastmile-migration-');
  const file = join(dir.path, 'lastmile.db');
  openDatabase(file, { migrations: migrations.filter((m) => m.version <= version) }).close();
  return {
    file,
    exec(sql) {
      const db = new Database(file);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    open: () => openDatabase(file),
    remove: () => dir.remove(),
  };
}

export function tablesOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db.prepare(`SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') ORDER BY name`).all() as {
        name: string;
      }[]
    ).map((row) => row.name);
  } finally {
    db.close();
  }
}

export function userVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}
