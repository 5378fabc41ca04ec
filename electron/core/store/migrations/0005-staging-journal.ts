import type { Migration } from './migration';

/**
 * The bulk-staging journal: a job and one row per order, each row's state written and committed before
 * its request goes out, so a console killed at any moment knows which orders may have been staged.
 * `uncertain` marks an order whose stage request may have been carried out without an answer reaching
 * the console: it is looked up before anything is sent for it again. Errors are AppError JSON.
 */
export const migration: Migration = {
  version: 5,
  name: 'staging-journal',
  up(db) {
    db.exec(`
      CREATE TABLE staging_jobs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        environment_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'waiting_for_network', 'canceled', 'finished')),
        error TEXT,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL
      );
      CREATE INDEX staging_jobs_by_update ON staging_jobs (updated_ms);
      CREATE TABLE staging_items (
        job_id TEXT NOT NULL REFERENCES staging_jobs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        order_id TEXT NOT NULL,
        line INTEGER,
        stage_values TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'done', 'failed', 'unknown')),
        uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
        attempts INTEGER NOT NULL DEFAULT 0,
        lookups INTEGER NOT NULL DEFAULT 0,
        not_before_ms INTEGER NOT NULL DEFAULT 0,
        order_status TEXT,
        note TEXT,
        last_error TEXT,
        updated_ms INTEGER NOT NULL,
        PRIMARY KEY (job_id, seq),
        UNIQUE (job_id, order_id)
      );
    `);
  },
};
