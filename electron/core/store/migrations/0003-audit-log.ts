import type { Migration } from './migration';

/** Every action taken from this console: what, in which environment, on which order, when, the outcome. */
export const migration: Migration = {
  version: 3,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        environment_id TEXT NOT NULL,
        action TEXT NOT NULL,
        order_id TEXT,
        request TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error')),
        error TEXT
      );
      CREATE INDEX audit_log_by_time ON audit_log (at_ms);
      CREATE INDEX audit_log_by_order ON audit_log (order_id, at_ms);
      CREATE INDEX audit_log_by_action ON audit_log (action, at_ms);
    `);
  },
};
