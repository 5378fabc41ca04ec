import type pg from 'pg';

/**
 * One step of the team database's schema, as SQLite's are numbered: `version` is the number in the file
 * name, and a shipped step is never edited. `up` runs inside the transaction that records the version.
 */
export interface TeamMigration {
  version: number;
  name: string;
  up(client: pg.ClientBase): Promise<void>;
}
