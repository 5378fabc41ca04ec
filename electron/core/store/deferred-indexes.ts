import type { Database } from 'better-sqlite3';

/** The full-text index's entry in `deferred_indexes`: rebuilt from its content rather than created. */
const FULL_TEXT = 'orders_fts';

/**
 * From about this many orders coming, and no fewer than the cache already holds, a load defers the
 * indexes and builds them once at its end: building them costs about what the cache holds, keeping
 * them up costs several times each order written.
 */
export const DEFER_INDEXES_FROM = 10_000;

/**
 * Defers the indexes of `tables` (see deferIndexes) when `coming` orders are many for the cache, in a
 * transaction of its own; answers whether it did.
 */
export function deferIfLarge(
  db: Database,
  tables: readonly string[],
  coming: number,
  from = DEFER_INDEXES_FROM,
): boolean {
  if (coming < from) return false;
  const existing = (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
  if (coming < existing) return false;
  db.transaction(() => deferIndexes(db, tables))();
  return true;
}

/**
 * Drops the secondary indexes of `tables` and stops the full-text index, listing each (migration
 * 0021) so that buildDeferredIndexes, or the next open after a crash, builds them again. Must run in
 * the caller's transaction: the list commits with the drops. Writers that leave the full-text index
 * behind from here on lose nothing, since its rebuild reads every order.
 */
export function deferIndexes(db: Database, tables: readonly string[]): void {
  const indexes = db
    .prepare<[string], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_schema
       WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(tables));
  const list = db.prepare('INSERT INTO deferred_indexes (name, sql) VALUES (?, ?) ON CONFLICT (name) DO NOTHING');
  list.run(FULL_TEXT, null);
  for (const index of indexes) {
    list.run(index.name, index.sql);
    db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
  }
}

export function indexesDeferred(db: Database): boolean {
  return db.prepare('SELECT 1 FROM deferred_indexes LIMIT 1').get() !== undefined;
}

/**
 * Builds the full-text index from the orders it reads its content from. With automerge off the
 * rebuild writes its segments without merging them as it goes, and one optimize merges them all at
 * once: the same time as a plain rebuild (300,000 orders: 3.4 s against 3.3 s), and a single segment,
 * which every query then reads about 40% faster than the several a plain rebuild leaves. Automerge
 * goes back to FTS5's default (4) for the writes that follow.
 */
export function rebuildSearchIndex(db: Database): void {
  db.exec(`
    INSERT INTO orders_fts (orders_fts, rank) VALUES ('automerge', 0);
    INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');
    INSERT INTO orders_fts (orders_fts) VALUES ('optimize');
    INSERT INTO orders_fts (orders_fts, rank) VALUES ('automerge', 4);
  `);
}

/**
 * The page cache while the indexes are built, in SQLite's units (negative: KiB). Each CREATE INDEX sorts
 * in memory up to about the cache's size as well as filling the cache: at a million orders the builds
 * took the process 120 MB above where it started with the file's 64 MB cache, 31 MB with 16 MB, in
 * 6.1 s rather than 7.1 s (the full-text rebuild 11.8 s rather than 11.1 s).
 */
const BUILD_CACHE_SIZE = -16_384;

/**
 * Helper threads SQLite's sorter may use while the indexes are built: each CREATE INDEX then sorts its
 * keys on a second core. The orders' and the import rows' five B-tree indexes at a million orders took
 * 4.2 s rather than 5.2 to 6.0 s with one, for 16 MB more at the peak (two: 3.8 to 4.0 s, 32 MB more,
 * on these 2-core machines). The full-text rebuild does not sort, so gains nothing.
 */
const BUILD_SORT_THREADS = 1;

/**
 * Builds every index deferIndexes listed and empties the list, in one transaction (a savepoint of the
 * caller's, if any), then refreshes the planner's statistics for the tables now full. Answers whether
 * anything was listed.
 */
export function buildDeferredIndexes(db: Database): boolean {
  return db.transaction(() => {
    const listed = db.prepare<[], { name: string; sql: string | null }>('SELECT name, sql FROM deferred_indexes').all();
    if (listed.length === 0) return false;
    const cacheSize = db.pragma('cache_size', { simple: true }) as number;
    const threads = db.pragma('threads', { simple: true }) as number;
    db.pragma(`cache_size = ${BUILD_CACHE_SIZE}`);
    db.pragma(`threads = ${BUILD_SORT_THREADS}`);
    try {
      for (const index of listed) {
        if (index.sql === null) rebuildSearchIndex(db);
        else db.exec(index.sql);
      }
    } finally {
      db.pragma(`cache_size = ${cacheSize}`);
      db.pragma(`threads = ${threads}`);
    }
    db.exec('DELETE FROM deferred_indexes');
    db.exec('PRAGMA analysis_limit = 1000; ANALYZE');
    return true;
  })();
}

/**
 * On open, before any migration or search: builds what a load killed mid-way left deferred. A file
 * from before migration 0021 has no list, and nothing deferred.
 */
export function buildLeftDeferredIndexes(db: Database): boolean {
  const listed = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'deferred_indexes'`).get();
  return listed !== undefined && buildDeferredIndexes(db);
}
