import type { Migration } from './migration';

/**
 * One owner per staging job: the process running it holds a lease (a random owner id, its process id
 * and host) and renews `heartbeat_ms` while it runs. Another console may take the job over only once
 * the heartbeat is older than the lease, or the owner's process is gone; until then it lists the job
 * as running elsewhere and refuses to run it. All four are null while nobody runs the job.
 */
export const migration: Migration = {
  version: 6,
  name: 'staging-lease',
  up(db) {
    db.exec(`
      ALTER TABLE staging_jobs ADD COLUMN owner_id TEXT;
      ALTER TABLE staging_jobs ADD COLUMN owner_pid INTEGER;
      ALTER TABLE staging_jobs ADD COLUMN owner_host TEXT;
      ALTER TABLE staging_jobs ADD COLUMN heartbeat_ms INTEGER;
    `);
  },
};
