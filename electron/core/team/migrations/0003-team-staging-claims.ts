import type { TeamMigration } from './team-migration';

/**
 * Which console is staging which order: one row per order of an environment, so an order is in at most
 * one running job of the team. A claim lasts until `lease_until` (PostgreSQL's clock, so consoles whose
 * clocks disagree still agree on it); the console renews it while its job runs and deletes it at the end,
 * and a claim left by a console that died lapses by itself.
 */
export const migration: TeamMigration = {
  version: 3,
  name: 'team-staging-claims',
  async up(client) {
    await client.query(`
      CREATE TABLE team_staging_claims (
        environment_id text NOT NULL,
        order_id text NOT NULL,
        claim_id text NOT NULL,
        console_name text NOT NULL,
        lease_until timestamptz NOT NULL,
        PRIMARY KEY (environment_id, order_id)
      );
      CREATE INDEX team_staging_claims_by_claim ON team_staging_claims (claim_id);
    `);
  },
};
