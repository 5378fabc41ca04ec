import type { Migration } from './migration';

/**
 * The watched export folder remembers each file version (size and modification time) it has dealt
 * with, and a hash of its content so a touch that changed only the mtime is not imported again; a
 * restart, a touch or a second copy of the same export never imports it twice, and the
 * Search screen can say what the last import was even after the console was closed.
 */
export const migration: Migration = {
  version: 18,
  name: 'watched-files',
  up(db) {
    db.exec(`
      CREATE TABLE watched_file (
        environment_id TEXT NOT NULL,
        file_name TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        seen_at_ms INTEGER NOT NULL,
        content_sha256 TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'needs_mapping', 'failed', 'unchanged')),
        new_count INTEGER NOT NULL DEFAULT 0,
        updated_count INTEGER NOT NULL DEFAULT 0,
        error_count INTEGER NOT NULL DEFAULT 0,
        message TEXT,
        PRIMARY KEY (environment_id, file_name, size, mtime_ms)
      );
      CREATE INDEX watched_file_latest ON watched_file (environment_id, seen_at_ms);
      CREATE INDEX watched_file_content ON watched_file (environment_id, file_name, content_sha256);
    `);
  },
};
