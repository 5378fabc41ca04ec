import type { Migration } from './migration';

/**
 * Team mode's side of the local file. `team_links` names the environments synced with a team database
 * and how far each has read the team's changes (`cursor`). Triggers put every order, history entry and
 * audit entry this console writes in such an environment into `team_outbox`, in the same transaction as
 * the write, so a crash can never keep a change and lose its way to the team. An order waits there once,
 * its latest state being what is sent: a write while it is on its way moves it to the end, so the entry
 * the sender then removes is not the one that still has to go. The outbox's id is the replay order. `team_local` holds this file's
 * own id (which makes its entries' keys in the team database) and `applying`, set while a change that came
 * from the team is written, so it is not sent back.
 */
export const migration: Migration = {
  version: 11,
  name: 'team-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE team_local (
        console_id TEXT NOT NULL,
        applying INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1))
      );
      INSERT INTO team_local (console_id) VALUES (lower(hex(randomblob(12))));
      CREATE TABLE team_links (
        environment_id TEXT PRIMARY KEY,
        cursor INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE team_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        environment_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('order', 'event', 'audit')),
        ref INTEGER NOT NULL,
        UNIQUE (kind, ref)
      );
      CREATE INDEX team_outbox_by_environment ON team_outbox (environment_id, id);

      CREATE TRIGGER team_outbox_order_insert AFTER INSERT ON orders
        WHEN NEW.environment_id IN (SELECT environment_id FROM team_links) AND (SELECT applying FROM team_local) = 0
      BEGIN
        INSERT OR REPLACE INTO team_outbox (environment_id, kind, ref) VALUES (NEW.environment_id, 'order', NEW.id);
      END;
      CREATE TRIGGER team_outbox_order_update AFTER UPDATE ON orders
        WHEN NEW.environment_id IN (SELECT environment_id FROM team_links) AND (SELECT applying FROM team_local) = 0
      BEGIN
        INSERT OR REPLACE INTO team_outbox (environment_id, kind, ref) VALUES (NEW.environment_id, 'order', NEW.id);
      END;
      CREATE TRIGGER team_outbox_event_insert AFTER INSERT ON order_events
        WHEN (SELECT applying FROM team_local) = 0
      BEGIN
        INSERT OR IGNORE INTO team_outbox (environment_id, kind, ref)
          SELECT o.environment_id, 'event', NEW.id FROM orders o JOIN team_links l USING (environment_id)
          WHERE o.id = NEW.order_ref;
      END;
      CREATE TRIGGER team_outbox_audit_insert AFTER INSERT ON audit_log
        WHEN NEW.environment_id IN (SELECT environment_id FROM team_links) AND (SELECT applying FROM team_local) = 0
      BEGIN
        INSERT OR IGNORE INTO team_outbox (environment_id, kind, ref) VALUES (NEW.environment_id, 'audit', NEW.id);
      END;
    `);
  },
};
