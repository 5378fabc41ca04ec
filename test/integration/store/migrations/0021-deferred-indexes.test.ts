import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { deferIndexes } from '../../../../electron/core/store/deferred-indexes';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, userVersion } from './migration-fixture';

const ordersIndexes = (db: Database.Database) =>
  db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'orders' ORDER BY name`).all();

describe('migration 0021-deferred-indexes', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('adds an empty list of deferred indexes, and an open builds what a file left listed there', () => {
    fixture = databaseAt(19);
    const first = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(21);
    expect(first.db.prepare('SELECT * FROM deferred_indexes').all()).toEqual([]);
    const before = ordersIndexes(first.db);
    expect(before.length).toBeGreaterThan(0);
    first.close();

    // What a load killed mid-way leaves: the list committed with the drops.
    const raw = new Database(fixture.file);
    raw.transaction(() => deferIndexes(raw, ['orders']))();
    expect(ordersIndexes(raw).filter((index) => (index as { sql: string | null }).sql !== null)).toEqual([]);
    raw.close();

    const again = fixture.open();
    expect(ordersIndexes(again.db)).toEqual(before);
    expect(again.db.prepare('SELECT * FROM deferred_indexes').all()).toEqual([]);
    again.close();
  });
});
