import type { Database } from 'better-sqlite3';

/**
 * The triggers that put every order, history entry and audit entry written in a linked environment into
 * `team_outbox`, in the same transaction as the write (see migration 0011, which first made them). They
 * exist only in a file with a linked environment: their presence alone makes every insert into `orders`
 * run their program and keep a statement journal, which cost about 40% of a shop-export import's row
 * write on a console that has no team at all (migration 0019 drops them from such files).
 */
const TRIGGERS = `
  CREATE TRIGGER IF NOT EXISTS team_outbox_order_insert AFTER INSERT ON orders
    WHEN NEW.environment_id IN (SELECT environment_id FROM team_links) AND (SELECT applying FROM team_local) = 0
  BEGIN
    INSERT OR REPLACE INTO team_outbox (environment_id, kind, ref) VALUES (NEW.environment_id, 'order', NEW.id);
  END;
  CREATE TRIGGER IF NOT EXISTS team_outbox_order_update AFTER UPDATE ON orders
    WHEN NEW.environment_id IN (SELECT environment_id FROM team_links) AND (SELECT applying FROM team_local) = 0
  BEGIN
    INSERT OR REPLACE INTO team_outbox (environment_id, kind, ref) VALUES (NEW.environment_id, 'order', NEW.id);
  END;
  CREATE TRIGGER IF NOT EXISTS team_outbox_event_insert AFTER INSERT ON order_events
    WHEN (SELECT applying FROM team_local) = 0
  BEGIN
    INSERT OR IGNORE INTO team_outbox (environment_id, kind, ref)
      SELECT o.environment_id, 'event', NEW.id FROM orders o JOIN team_links l USING (environment_id)
      WHERE o.id = NEW.order_ref;
  END;
  CREATE TRIGGER IF NOT EXISTS team_outbox_audit_insert AFTER INSERT ON audit_log
    WHEN NEW.environment_id IN (SELECT environment_id FROM team_links) AND (SELECT applying FROM team_local) = 0
  BEGIN
    INSERT OR IGNORE INTO team_outbox (environment_id, kind, ref) VALUES (NEW.environment_id, 'audit', NEW.id);
  END;
`;

const NAMES = [
  'team_outbox_order_insert',
  'team_outbox_order_update',
  'team_outbox_event_insert',
  'team_outbox_audit_insert',
];

/** Must run in the transaction that links the first environment, so no write can fall between the two. */
export function installOutboxTriggers(db: Database): void {
  db.exec(TRIGGERS);
}

/**
 * For writing many rows that must not go out (the team's own changes, applied here): the triggers'
 * presence alone cost a catch-up's order insert about two thirds of its time. Only inside a transaction
 * that installs them again before it commits, so no other write ever runs without them.
 */
export function removeOutboxTriggers(db: Database): void {
  db.exec(NAMES.map((name) => `DROP TRIGGER IF EXISTS ${name};`).join('\n'));
}
