import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../electron/core/core-error';
import { Environments } from '../../electron/core/environments/environments';
import { loadSettings, SETTINGS_FILE } from '../../electron/core/environments/settings-file';
import { systemError } from '../../electron/core/system-errors';
import { createDispatcher } from '../../electron/ipc/register';
import type { Handlers } from '../../shared/contract';
import { MemoryCredentialStore } from '../support/memory-credential-store';
import { tempDir } from '../support/temp-dir';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

/** The error a real call throws. */
function thrown(act: () => unknown): Error {
  try {
    act();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

/** A real SQLITE_FULL: a file that may not grow past a few pages. */
function fullDatabase(): { db: Database.Database; fill: () => void } {
  const db = new Database(join(dir.path, 'full.db'));
  db.exec('CREATE TABLE t (x TEXT)');
  db.pragma('max_page_count = 3');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  return {
    db,
    fill: () => {
      for (;;) insert.run('x'.repeat(2000));
    },
  };
}

/** The raw text must be gone, and the words must say what happened and what to do. */
function expectWorded(error: CoreError, raw: Error, message: RegExp, hint: RegExp) {
  expect(error.appError.message).toMatch(message);
  expect(error.appError.hint).toMatch(hint);
  expect(JSON.stringify(error.appError)).not.toContain(raw.message);
  expect(JSON.stringify(error.appError)).not.toMatch(/\b(E[A-Z]{3,}|SQLITE_[A-Z]+)\b/);
  expect(error.cause).toBe(raw);
}

describe('system errors, provoked for real, in words', () => {
  it('EISDIR: a folder where the file should be', () => {
    const raw = thrown(() => writeFileSync(dir.path, 'x'));
    expect((raw as NodeJS.ErrnoException).code).toBe('EISDIR');
    expectWorded(
      systemError(raw, { what: 'write the report', path: dir.path }),
      raw,
      /is a folder where a file should be/,
      /Move or rename that folder/,
    );
  });

  it('ENOENT: a folder that does not exist', () => {
    const path = join(dir.path, 'missing', 'report.csv');
    const raw = thrown(() => writeFileSync(path, 'x'));
    expectWorded(
      systemError(raw, { what: 'write the report', path }),
      raw,
      /report\.csv or its folder does not exist/,
      /create the folder/,
    );
  });

  it('EPERM: an operation the system does not allow', () => {
    mkdirSync(join(dir.path, 'folder'));
    const raw = thrown(() => linkSync(join(dir.path, 'folder'), join(dir.path, 'link')));
    expect((raw as NodeJS.ErrnoException).code).toBe('EPERM');
    expectWorded(
      systemError(raw, { what: 'save the file', path: 'link' }),
      raw,
      /does not allow it/,
      /locked or read-only/,
    );
  });

  it('ENOSPC: a full disk', () => {
    const raw = thrown(() => writeFileSync('/dev/full', 'x'));
    expect((raw as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expectWorded(
      systemError(raw, { what: 'write the report', path: 'r.csv' }),
      raw,
      /the disk is full/,
      /Free some disk space/,
    );
  });

  // Tests run as root, where no permission is refused and no read-only disk can be mounted: these two
  // carry the errno Node gives, on an error shaped as Node's.
  it.each([
    ['EACCES', /may not write to/],
    ['EROFS', /read-only disk/],
  ])('%s', (code, message) => {
    const raw = Object.assign(new Error(`${code}: refused, open '/x'`), { code, errno: -13, syscall: 'open' });
    expectWorded(systemError(raw, { what: 'write the report', path: '/x' }), raw, message, /then try again/);
  });

  it('SQLITE_FULL: a cache file that cannot grow', () => {
    const { db, fill } = fullDatabase();
    const raw = thrown(fill);
    expect((raw as { code?: string }).code).toBe('SQLITE_FULL');
    db.close();
    expectWorded(
      systemError(raw, { what: 'save the order' }),
      raw,
      /cannot grow, the disk is full/,
      /Free some disk space/,
    );
  });

  it('SQLITE_READONLY: a cache file opened read-only', () => {
    new Database(join(dir.path, 'ro.db')).exec('CREATE TABLE t (x)');
    const db = new Database(join(dir.path, 'ro.db'), { readonly: true });
    const raw = thrown(() => db.exec("INSERT INTO t VALUES ('x')"));
    db.close();
    expect((raw as { code?: string }).code).toBe('SQLITE_READONLY');
    expectWorded(systemError(raw, { what: 'save the order' }), raw, /can only be read/, /writable/);
  });

  it('SQLITE_CANTOPEN: a cache file that cannot be opened', () => {
    const raw = thrown(() => new Database(join(dir.path, 'absent.db'), { fileMustExist: true }));
    expect((raw as { code?: string }).code).toBe('SQLITE_CANTOPEN');
    expectWorded(systemError(raw, { what: 'open the cache' }), raw, /cannot be opened/, /data folder exists/);
  });

  it('SQLITE_BUSY: another writer holding the file', () => {
    const file = join(dir.path, 'busy.db');
    const owner = new Database(file);
    owner.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE');
    const other = new Database(file, { timeout: 0 });
    const raw = thrown(() => other.exec("INSERT INTO t VALUES ('x')"));
    owner.exec('ROLLBACK');
    owner.close();
    other.close();
    expect((raw as { code?: string }).code).toBe('SQLITE_BUSY');
    expectWorded(systemError(raw, { what: 'save the order' }), raw, /another program is writing/, /close it/);
  });
});

describe('where they reach users', () => {
  it('the settings file: a folder in its place, read and written', async () => {
    mkdirSync(join(dir.path, SETTINGS_FILE));
    const read = await loadSettings(dir.path).catch((error: unknown) => error as CoreError);
    expect(read).toBeInstanceOf(CoreError);
    expect((read as CoreError).appError).toMatchObject({ code: 'settings_unreadable' });
    expect((read as CoreError).message).toMatch(/settings\.json is a folder where a file should be/);
    expect((read as CoreError).message).not.toMatch(/EISDIR|illegal operation/);

    const other = tempDir();
    try {
      const envs = await Environments.open({
        dataDir: other.path,
        store: new MemoryCredentialStore(),
        clock: { now: () => 0 },
        sandbox: null,
      });
      mkdirSync(join(other.path, SETTINGS_FILE));
      const failed = (await envs
        .add({ name: 'Acme', kind: 'development', clientId: 'a' })
        .catch((e: unknown) => e)) as CoreError;
      expect(failed.appError).toMatchObject({ code: 'settings_not_saved' });
      expect(failed.appError.message).toMatch(/Could not save the settings: .*settings\.json is a folder/);
      expect(failed.appError.hint).toMatch(/Nothing was changed\.$/);
      expect(JSON.stringify(failed.appError)).not.toMatch(/EISDIR|illegal operation/);
    } finally {
      other.remove();
    }
  });

  it('a channel whose write hits a full or read-only cache', async () => {
    const { db, fill } = fullDatabase();
    const handlers = { 'orders:stores': async () => (fill(), []) } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, { isTrustedSender: () => true });
    const answer = (await dispatch('orders:stores', { environmentId: 'sandbox' }, { url: 'app://console/' })) as {
      ok: false;
      error: object;
    };
    db.close();
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatchObject({ code: 'database_error', message: expect.stringMatching(/disk is full/) });
    expect(JSON.stringify(answer)).not.toMatch(/database or disk is full|SQLITE/);
  });

  it('the command line', () => {
    const script = fileURLToPath(new URL('../fixtures/cli-write-folder.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, dir.path], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.status).toBe(1);
    expect(child.stderr.trim()).toMatch(
      /^Could not finish the command: the file is a folder where a file should be\. Move or rename/,
    );
    expect(child.stderr).not.toMatch(/EISDIR|illegal operation/);
  });
});
