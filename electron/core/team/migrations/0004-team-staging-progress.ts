import type { TeamMigration } from './team-migration';

/**
 * How far each console's staging jobs are, so the other consoles of the team can watch them: one row per
 * job, overwritten as it runs (a console publishes about twice a second and once when it ends), with a
 * notification on `lastmile_staging_progress` carrying the row. `console_id` is the publishing core, so a
 * console tells its own rows from those of another console signed in under the same name.
 */
export const migration: TeamMigration = {
  version: 4,
  name: 'team-staging-progress',
  async up(client) {
    await client.query(`
      CREATE TABLE team_staging_progress (
        environment_id text NOT NULL,
        job_id text NOT NULL,
        console_id text NOT NULL,
        console_name text NOT NULL,
        job_name text NOT NULL,
        state text NOT NULL,
        total integer NOT NULL CHECK (total >= 0),
        staged integer NOT NULL CHECK (staged >= 0),
        failed integer NOT NULL CHECK (failed >= 0),
        pending integer NOT NULL CHECK (pending >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (environment_id, job_id)
      );
      CREATE INDEX team_staging_progress_by_time ON team_staging_progress (environment_id, updated_at);
    `);
  },
};
