import type { Migration } from './migration';

/**
 * A large load drops the secondary indexes and leaves the full-text index behind, then builds them
 * once at its end (store/deferred-indexes.ts). A shop-export import commits batch by batch, so a crash
 * can leave them missing: each one dropped is listed here, with the SQL that creates it again (NULL for
 * the full-text index, rebuilt from its content), in the transaction that drops it, and every open
 * builds what is listed before anything reads the file.
 */
export const migration: Migration = {
  version: 21,
  name: 'deferred-indexes',
  up(db) {
    db.exec(`
      CREATE TABLE deferred_indexes (
        name TEXT PRIMARY KEY,
        sql TEXT
      );
    `);
  },
};
