import type { Migration } from './migration';

/**
 * An import's rows were kept after it ended, though only the attention list reads them again (for the
 * orders Instacart did not know): each import of a file, and each version the watched folder saw, left
 * its rows behind for good. The journal now drops them as a job ends (shop-import/import-journal.ts);
 * this drops those the jobs that ended before it left. Jobs still reading, asking or paused keep theirs.
 */
export const migration: Migration = {
  version: 25,
  name: 'ended-import-rows',
  up(db) {
    db.exec(`
      DELETE FROM import_rows
      WHERE state <> 'not_found'
        AND job_id IN (SELECT id FROM import_jobs WHERE state IN ('finished', 'canceled'));
    `);
  },
};
