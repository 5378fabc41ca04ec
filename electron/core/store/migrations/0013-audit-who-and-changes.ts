import type { Migration } from './migration';

/**
 * The audit log answers "who changed my tip?": each entry keeps who did it (the agent's name, or the
 * computer's user), the environment's name as it was then (an id means nothing to a reader, and a
 * removed environment has no name left to look up), and what changed field by field, before and after
 * (JSON: [{ field, from, to }]). Entries written before this version have none of the three.
 */
export const migration: Migration = {
  version: 13,
  name: 'audit-who-and-changes',
  up(db) {
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN actor TEXT;
      ALTER TABLE audit_log ADD COLUMN environment_name TEXT;
      ALTER TABLE audit_log ADD COLUMN changes TEXT NOT NULL DEFAULT '[]';
    `);
  },
};
