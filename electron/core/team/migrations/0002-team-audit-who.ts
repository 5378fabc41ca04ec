import type { TeamMigration } from './team-migration';

/**
 * The audit log names who did a thing, the environment's name as it was, and what changed, before and
 * after: the team's copy carries them too, so "who changed this?" is answered for the whole team.
 * Entries sent before this version have none of the three.
 */
export const migration: TeamMigration = {
  version: 2,
  name: 'team-audit-who',
  async up(client) {
    await client.query(`
      ALTER TABLE team_audit ADD COLUMN actor text;
      ALTER TABLE team_audit ADD COLUMN environment_name text;
      ALTER TABLE team_audit ADD COLUMN changes text NOT NULL DEFAULT '[]';
    `);
  },
};
