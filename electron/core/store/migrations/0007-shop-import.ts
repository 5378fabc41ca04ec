import type { Migration } from './migration';

/**
 * The shop-export import's journal: a job, one row per order read (its get's state, so an import
 * resumed after a crash asks Instacart nothing twice), the first problems found, and the mapping last
 * used per environment and header row. `lines_done` is committed with each batch of orders written,
 * so a resumed read starts after it. Order history gains `customer` changes (the shop's export
 * changed a detail, named in `field`); SQLite cannot change a CHECK, so the table is rebuilt.
 */
export const migration: Migration = {
  version: 7,
  name: 'shop-import',
  up(db) {
    db.exec(`
      CREATE TABLE import_jobs (
        id TEXT PRIMARY KEY,
        environment_id TEXT NOT NULL,
        file_name TEXT NOT NULL,
        upload_id TEXT NOT NULL,
        sheet TEXT,
        mapping TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('reading', 'fetching', 'paused', 'canceled', 'finished', 'failed')),
        lines_done INTEGER NOT NULL DEFAULT 0,
        counts TEXT NOT NULL,
        more_problems INTEGER NOT NULL DEFAULT 0,
        times_as_utc INTEGER NOT NULL DEFAULT 0 CHECK (times_as_utc IN (0, 1)),
        error TEXT,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL
      );
      CREATE INDEX import_jobs_by_environment ON import_jobs (environment_id, created_ms);
      CREATE TABLE import_rows (
        job_id TEXT NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
        order_id TEXT NOT NULL,
        user_id TEXT,
        line INTEGER NOT NULL,
        window_start_ms INTEGER,
        state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'not_found', 'failed', 'deferred', 'skipped')),
        PRIMARY KEY (job_id, order_id)
      );
      CREATE INDEX import_rows_to_fetch ON import_rows (job_id, state, window_start_ms);
      CREATE TABLE import_problems (
        job_id TEXT NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        line INTEGER NOT NULL,
        column_name TEXT,
        message TEXT NOT NULL,
        hint TEXT NOT NULL,
        PRIMARY KEY (job_id, seq)
      );
      CREATE TABLE import_mappings (
        environment_id TEXT NOT NULL,
        headers TEXT NOT NULL,
        mapping TEXT NOT NULL,
        updated_ms INTEGER NOT NULL,
        PRIMARY KEY (environment_id, headers)
      );

      CREATE TABLE order_events_new (
        id INTEGER PRIMARY KEY,
        order_ref INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('status', 'window', 'tip', 'bags', 'customer')),
        field TEXT,
        from_value TEXT,
        to_value TEXT,
        source TEXT NOT NULL
      );
      INSERT INTO order_events_new (id, order_ref, at_ms, kind, from_value, to_value, source)
        SELECT id, order_ref, at_ms, kind, from_value, to_value, source FROM order_events;
      DROP TABLE order_events;
      ALTER TABLE order_events_new RENAME TO order_events;
      CREATE INDEX order_events_by_order ON order_events (order_ref, id);
    `);
  },
};
