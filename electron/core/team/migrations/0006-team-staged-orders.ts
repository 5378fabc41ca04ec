import type { TeamMigration } from './team-migration';

/**
 * A claim outlives the job that staged its order: the finished job keeps its staged orders' rows, marked
 * with when they were staged (PostgreSQL's clock, in ms), so another console's new job is told they are
 * staged instead of sending them again before the staged status reaches it. The index serves the pruning
 * of rows kept past their day.
 */
export const migration: TeamMigration = {
  version: 6,
  name: 'team-staged-orders',
  async up(client) {
    await client.query(`
      ALTER TABLE team_staging_claims ADD COLUMN staged_ms bigint;
      CREATE INDEX team_staging_claims_staged ON team_staging_claims (environment_id, staged_ms)
        WHERE staged_ms IS NOT NULL;
    `);
  },
};
