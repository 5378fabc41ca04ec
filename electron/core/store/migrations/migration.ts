import type { Database } from 'better-sqlite3';

/**
 * One step of the schema. `version` is the number in the file name (0001-orders.ts is version 1);
 * once a migration has shipped it is never edited: a change is a new file with the next number.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
