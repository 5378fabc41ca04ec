import type { TeamMigration } from './team-migration';

/**
 * An audit entry's reason or ticket number (the console's migration 0017) goes to the team too, so the
 * console that did not make the change can still say why it was made. Entries sent before have none.
 */
export const migration: TeamMigration = {
  version: 5,
  name: 'team-audit-note',
  async up(client) {
    await client.query('ALTER TABLE team_audit ADD COLUMN note text');
  },
};
