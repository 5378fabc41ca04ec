import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, ftsMatches, PREFIXED_ORDERS_SQL, userVersion } from './migration-fixture';

describe('migration 0022-four-letter-prefixes', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('rebuilds the full-text index of the orders cached with a list per prefix of up to four characters', () => {
    fixture = databaseAt(21);
    fixture.exec(PREFIXED_ORDERS_SQL);
    const after = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(22);
    const { sql } = after.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'orders_fts'").get() as {
      sql: string;
    };
    expect(sql).toContain("prefix = '1 2 3 4'");
    expect(sql).toContain("content = 'orders_indexed'");
    const match = (query: string) => ftsMatches(after, query);
    expect(match('"lm08"*')).toEqual([1, 3]);
    expect(match('"vale"*')).toEqual([1, 2]);
    expect(match('"val"*')).toEqual([1, 2, 3]);
    expect(match('"valen"*')).toEqual([1]);
    expect(match('"perez"')).toEqual([1]);
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The index agrees with the rows it was built from (FTS5 raises an error otherwise).
    after.db.exec("INSERT INTO orders_fts (orders_fts) VALUES ('integrity-check')");
    after.close();
  });
});
