import type { Migration } from './migration';

/**
 * An audit entry may carry the agent's reason or ticket number ("customer called, ticket 4812"), so the
 * log answers why as well as who. Entries written before this version, and changes sent without one,
 * have none.
 */
export const migration: Migration = {
  version: 17,
  name: 'audit-note',
  up(db) {
    db.exec(`ALTER TABLE audit_log ADD COLUMN note TEXT;`);
  },
};
