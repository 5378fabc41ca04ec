import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../electron/launch/paths';
import { uncleanShutdown } from '../../../electron/core/store/file-check';
import { openDatabase } from '../../../electron/core/store/open-database';
import { CoreError } from '../../../electron/core/core-error';
import { tempDir } from '../../support/temp-dir';
import { sha256 } from './damage';

const work = tempDir('lastmile-unclean-');
let child: string;

beforeAll(async () => {
  child = join(work.path, 'open-and-hold-child.cjs');
  await build({
    entryPoints: [join(repoRoot, 'test/integration/cache/open-and-hold-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: child,
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
});
afterAll(() => work.remove());

/** Opens the file in a child process and kills it with SIGKILL while it holds the file open. */
async function killWhileOpen(file: string): Promise<void> {
  const process_ = spawn(process.execPath, [child, file], {
    env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  process_.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => process_.on('close', (_c, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    process_.stdout.setEncoding('utf8').on('data', (chunk: string) => chunk.includes('open') && resolve());
    process_.on('close', () => reject(new Error(`the child ended before it was killed: ${stderr}`)));
  });
  process_.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

/**
 * Damage quick_check cannot see: an index whose entries no longer match its table (its definition is
 * changed under it). Only the full integrity_check compares them.
 */
function mismatchAnIndex(file: string): void {
  const db = new Database(file);
  // Editing the schema needs SQLite's defensive mode off, which unsafe mode turns off.
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare(
    `UPDATE sqlite_schema SET sql = 'CREATE INDEX audit_log_by_action ON audit_log (environment_id, at_ms)' WHERE name = 'audit_log_by_action'`,
  ).run();
  db.close();
}

const markers = (dir: string) => readdirSync(dir).filter((name) => name.includes('.open-'));

describe('after an unclean shutdown', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = join(work.path, `case-${Math.random().toString(36).slice(2)}`);
    file = join(dir, 'lastmile.db');
    const cache = openDatabase(file);
    const insert = cache.db.prepare(
      `INSERT INTO audit_log (at_ms, environment_id, action, order_id, request, outcome) VALUES (?, 'sandbox', 'environment.test', NULL, '{}', 'ok')`,
    );
    for (let i = 0; i < 50; i++) insert.run(i);
    cache.close();
    mismatchAnIndex(file);
  });

  it('a clean close leaves no marker, and the next open runs the quick check, which misses an index mismatch', () => {
    expect(markers(dir)).toEqual([]);
    expect(uncleanShutdown(file)).toBe(false);
    openDatabase(file).close();
  });

  it('a process killed with SIGKILL leaves its marker, and the next open runs the full check and refuses the file', async () => {
    await killWhileOpen(file);
    expect(markers(dir)).toHaveLength(1);
    expect(uncleanShutdown(file)).toBe(true);
    const before = sha256(file);
    let error: unknown;
    try {
      openDatabase(file).close();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).appError.code).toBe('cache_damaged');
    expect(sha256(file)).toBe(before);
  });

  it('a file that passes the full check after a kill is opened, and the dead process marker is cleared', async () => {
    const db = new Database(file);
    db.exec('REINDEX audit_log_by_action');
    db.close();
    await killWhileOpen(file);
    expect(uncleanShutdown(file)).toBe(true);
    const cache = openDatabase(file);
    expect(markers(dir)).toEqual([`lastmile.db.open-${process.pid}`]);
    cache.close();
    expect(markers(dir)).toEqual([]);
    expect(uncleanShutdown(file)).toBe(false);
  });
});
