import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { FilterTermValues } from '../../../../electron/core/store/filter-terms';
import { filterTerms } from '../../../../electron/core/store/filter-terms';
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

/** Three orders whose names and ids share prefixes, indexed as a migration that rebuilds the index finds them. */
export const PREFIXED_ORDERS_SQL = `INSERT INTO orders (environment_id, order_id, status, store_location, window_start_ms,
     first_name, last_name, raw, fetched_ms, first_seen_ms, first_source)
   VALUES ('sandbox', 'LM0812500', 'brand_new', 'store-001', 0, 'Valentina', 'Perez', '{}', 0, 0, 'get'),
     ('sandbox', 'LM0912500', 'delivered', 'store-002', NULL, 'Valeria', 'Kim', '{}', 0, 0, 'get'),
     ('sandbox', 'LM0813', 'brand_new', 'store-001', 0, 'Val', 'Park', '{}', 0, 0, 'get');
   INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');`;

/** The rowids the full-text index matches `query` with, in order. */
export function ftsMatches(database: CacheDatabase, query: string): number[] {
  return database.db
    .prepare<[string], number>('SELECT rowid FROM orders_fts WHERE orders_fts MATCH ? ORDER BY rowid')
    .pluck()
    .all(query);
}

/**
 * Each order's filter words as the index's view gives FTS5's rebuild, beside what the writers index
 * for the same values (store/filter-terms.ts): a test expects the two to be the same text.
 */
export function viewAndWriterTerms(database: CacheDatabase): { view: string; writers: string }[] {
  return database.db
    .prepare<[], FilterTermValues & { filter_terms: string }>(
      'SELECT o.store_location, o.status, o.window_start_ms, v.filter_terms FROM orders o JOIN orders_indexed v USING (id) ORDER BY id',
    )
    .all()
    .map(({ filter_terms, ...values }) => ({ view: filter_terms, writers: filterTerms(values) }));
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
