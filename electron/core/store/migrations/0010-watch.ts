import type { Migration } from './migration';

/**
 * Live status: the orders agents watch (kept across restarts), the "needs attention" rows acknowledged
 * (by kind and cause, so a row whose cause changes, e.g. a second staging failure, shows again), and
 * each environment's watch settings.
 */
export const migration: Migration = {
  version: 10,
  name: 'watch',
  up(db) {
    db.exec(`
      CREATE TABLE watched_orders (
        environment_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        since_ms INTEGER NOT NULL,
        PRIMARY KEY (environment_id, order_id)
      );
      CREATE TABLE attention_acks (
        environment_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('late', 'canceled', 'not_staged', 'staging_failed', 'not_found')),
        cause TEXT NOT NULL,
        acked_ms INTEGER NOT NULL,
        PRIMARY KEY (environment_id, order_id, kind, cause)
      );
      CREATE TABLE watch_settings (
        environment_id TEXT PRIMARY KEY,
        settings TEXT NOT NULL,
        updated_ms INTEGER NOT NULL
      );
    `);
  },
};
