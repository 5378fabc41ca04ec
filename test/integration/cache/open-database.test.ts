import Database from 'better-sqlite3';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../electron/launch/paths';
import { latestVersion } from '../../../electron/core/store/migrate';
import { migrations } from '../../../electron/core/store/migrations';
import type { Migration } from '../../../electron/core/store/migrations/migration';
import { CacheStore } from '../../../electron/core/cache/cache-store';
import { openDatabase } from '../../../electron/core/store/open-database';
import { systemClock } from '../../../electron/core/clock';
import { CoreError } from '../../../electron/core/core-error';
import { tempDir } from '../../support/temp-dir';

function refusal(open: () => unknown): CoreError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError);
    return error as CoreError;
  }
  throw new Error('expected the database to be refused');
}

describe('opening the cache file', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir('lastmile-open-');
    file = join(dir.path, 'lastmile.db');
  });
  afterEach(() => dir.remove());

  it('creates the file at the latest version with WAL, FULL sync, foreign keys and a busy timeout', () => {
    const cache = openDatabase(join(dir.path, 'new', 'lastmile.db'));
    const pragma = (name: string) => cache.db.pragma(name, { simple: true });
    expect(pragma('user_version')).toBe(latestVersion(migrations));
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(2);
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(5000);
    cache.close();
  });

  it('accepts an empty file as a new database', () => {
    writeFileSync(file, '');
    const cache = openDatabase(file);
    expect(cache.db.pragma('user_version', { simple: true })).toBe(latestVersion(migrations));
    cache.close();
  });

  it('refuses a file from a newer version, says what to do, and leaves it untouched', () => {
    const db = new Database(file);
    db.pragma(`user_version = ${latestVersion(migrations) + 4}`);
    db.close();
    const before = readFileSync(file);
    const error = refusal(() => openDatabase(file));
    expect(error.appError).toMatchObject({ code: 'database_too_new' });
    expect(error.appError.message).toContain(`database version ${latestVersion(migrations) + 4}`);
    expect(error.appError.message).toContain(file);
    expect(error.appError.hint).toMatch(/newer version/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a SQLite database and never writes to it', () => {
    const junk = Buffer.from('order_id,user_id\nORD-1,u1\n'.repeat(400));
    writeFileSync(file, junk);
    const error = refusal(() => openDatabase(file));
    expect(error.appError).toMatchObject({ code: 'database_unreadable' });
    expect(error.appError.hint).toMatch(/Move or rename that file/);
    expect(readFileSync(file).equals(junk)).toBe(true);
  });

  it('refuses a SQLite file whose pages are damaged, without changing it', () => {
    const db = new Database(file);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    db.close();
    const damaged = readFileSync(file);
    damaged.fill(0x5a, 16, 100);
    writeFileSync(file, damaged);
    const error = refusal(() => openDatabase(file));
    expect(error.appError.code).toBe('database_unreadable');
    expect(readFileSync(file).equals(damaged)).toBe(true);
  });

  it('still refuses a file that is not SQLite as unreadable (not damaged), marks nothing, and can set it aside', () => {
    const junk = Buffer.from('not a database at all\n'.repeat(300));
    writeFileSync(file, junk);
    const store = new CacheStore(file, systemClock);
    expect(store.problem()).toMatchObject({ code: 'database_unreadable' });
    expect(() => store.use()).toThrow(CoreError);
    expect(readdirSync(dir.path)).toEqual(['lastmile.db']);
    expect(readFileSync(file).equals(junk)).toBe(true);
    const rebuilt = store.rebuild();
    expect(rebuilt).toMatchObject({ stagingJobs: { saved: 0 }, auditEntries: { saved: 0 } });
    expect(readFileSync(rebuilt.keptAt).equals(junk)).toBe(true);
    expect(store.problem()).toBeNull();
    expect(store.use().database.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    store.close();
  });

  it('applies pending migrations in one transaction: a failing step leaves the file as it was', () => {
    openDatabase(file, { migrations: migrations.slice(0, 1) }).close();
    const failing: Migration = {
      version: 2,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x)');
        db.exec('THIS IS NOT SQL');
      },
    };
    const error = refusal(() => openDatabase(file, { migrations: [migrations[0]!, failing] }));
    expect(error.appError.code).toBe('database_migration_failed');
    expect(error.appError.message).toContain('0002-broken');
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE name = 'half_done'`).all()).toEqual([]);
    db.close();
  });

  it('lists every NNNN-name.ts migration file, in rising order of their numbers', () => {
    const folder = join(repoRoot, 'electron', 'core', 'store', 'migrations');
    const files = readdirSync(folder)
      .filter((name) => /^\d{4}-.+\.ts$/.test(name))
      .sort();
    expect(files.map((name) => name.replace(/\.ts$/, ''))).toEqual(
      migrations.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}`),
    );
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
  });
});
