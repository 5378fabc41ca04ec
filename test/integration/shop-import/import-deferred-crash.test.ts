import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { bundleChild } from '../../support/bundle-child';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../electron/launch/paths';
import { openCache } from '../../../electron/core/cache/cache';
import type { Sandbox } from '../../../electron/core/sandbox';
import { startSandbox } from '../../../electron/core/sandbox';
import { shopExportRows, writeShopExportCsv } from '../../../electron/core/sandbox/shop-export';
import { searchQuery } from '../../../shared/contract';
import { tempDir } from '../../support/temp-dir';

/** Enough lines (about 7 MB) that a first import defers the indexes (DEFER_INDEXES_FROM) and is killed mid-file. */
const ORDERS = 40_000;
const DAY_MS = 86_400_000;

const work = tempDir('lastmile-import-deferred-crash-');
let child: string;
let sandbox: Sandbox;
let exportFile: string;

beforeAll(async () => {
  child = await bundleChild('test/integration/shop-import/import-child.ts', work.path, 'import-child.cjs');
  // Only the console's address book needs it: the export's windows are a month old, so nothing is asked.
  sandbox = await startSandbox({ orders: 10, seed: 5 });
  exportFile = join(work.path, 'export.csv');
  await writeShopExportCsv(
    shopExportRows({ count: ORDERS, seed: 5, now: Date.now() - 30 * DAY_MS }),
    createWriteStream(exportFile),
  );
}, 120_000);
afterAll(async () => {
  await sandbox.close();
  work.remove();
});

function run(args: string[]) {
  const proc = spawn(process.execPath, [child, ...args], {
    env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { proc, exited, stderr: () => stderr };
}

const file = (dataDir: string) => join(dataDir, 'lastmile.db');

interface Progress {
  state: string;
  lines: number;
  deferred: number;
}

/** The job's state, lines read and what is listed as deferred, as another process sees the file. */
function progressOf(dataDir: string): Progress | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file(dataDir), { readonly: true, fileMustExist: true });
    const job = db.prepare('SELECT state, counts FROM import_jobs').get() as { state: string; counts: string };
    const deferred = db.prepare('SELECT count(*) FROM deferred_indexes').pluck().get() as number;
    return { state: job.state, lines: (JSON.parse(job.counts) as { lines: number }).lines, deferred };
  } catch {
    return null; // The child has not created the file, its tables or the job yet.
  } finally {
    db?.close();
  }
}

/** Every table and index of the schema (the planner's statistics aside), as a fresh console's file has them. */
function schemaOf(db: Database.Database) {
  return db
    .prepare(
      `SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'table') AND name NOT LIKE 'sqlite_stat%' ORDER BY name`,
    )
    .all();
}

describe(`crash test: a first import of ${ORDERS} lines SIGKILLed while the indexes are deferred`, () => {
  it('the next open builds the indexes and the full-text index; search finds the lines read before the kill; the resumed import ends with all of them', async () => {
    const dataDir = join(work.path, 'data');
    const killed = run([dataDir, sandbox.url, exportFile]);
    let seen: Progress | null = null;
    let ended = false;
    void killed.exited.then(() => (ended = true));
    // Some batches committed with the indexes deferred, more of the file still to read.
    while (!ended) {
      seen = progressOf(dataDir);
      if (seen && seen.state === 'reading' && seen.lines >= 4000 && seen.deferred > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    killed.proc.kill('SIGKILL');
    expect((await killed.exited).signal, killed.stderr()).toBe('SIGKILL');
    expect(seen).toMatchObject({ state: 'reading', deferred: expect.any(Number) as number });
    expect(seen!.lines).toBeLessThan(ORDERS);

    // As the kill left it: the indexes dropped and listed, the orders read so far committed.
    const left = new Database(file(dataDir), { readonly: true, fileMustExist: true });
    const read = (
      JSON.parse((left.prepare('SELECT counts FROM import_jobs').get() as { counts: string }).counts) as {
        lines: number;
      }
    ).lines;
    expect(read).toBeGreaterThanOrEqual(seen!.lines);
    expect(read).toBeLessThan(ORDERS);
    expect(left.prepare(`SELECT name FROM deferred_indexes ORDER BY name`).pluck().all()).toEqual(
      expect.arrayContaining(['orders_fts', 'orders_by_window', 'orders_by_status', 'import_rows_to_fetch']),
    );
    expect(left.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'orders_by_window'`).pluck().get()).toBe(0);
    const firstOrder = left.prepare(`SELECT order_id, first_name, last_name FROM orders ORDER BY id LIMIT 1`).get() as {
      order_id: string;
      first_name: string;
      last_name: string;
    };
    const lastRead = left.prepare(`SELECT order_id FROM orders ORDER BY id DESC LIMIT 1`).pluck().get() as string;
    left.close();

    // A fresh console's schema, to hold the rebuilt one to.
    const fresh = openCache(join(work.path, 'fresh', 'lastmile.db'));
    const expected = schemaOf(fresh.database.db);
    fresh.close();

    const reopened = openCache(file(dataDir));
    try {
      const { db } = reopened.database;
      expect(schemaOf(db)).toEqual(expected);
      expect(db.prepare('SELECT count(*) FROM deferred_indexes').pluck().get()).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(() => db.exec(`INSERT INTO orders_fts (orders_fts) VALUES ('integrity-check')`)).not.toThrow();
      expect(db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(read);
      const search = (text: string) =>
        reopened.search.search('sandbox', searchQuery.parse({ text, limit: 50 })).rows.map((row) => row.orderId);
      expect(search(firstOrder.order_id)[0]).toBe(firstOrder.order_id);
      expect(search(lastRead)[0]).toBe(lastRead);
      expect(search(`${firstOrder.first_name} ${firstOrder.last_name}`)).toContain(firstOrder.order_id);
    } finally {
      reopened.close();
    }

    const resumed = run([dataDir, sandbox.url]);
    const exit = await resumed.exited;
    expect(resumed.stderr()).toBe('');
    expect(exit.code).toBe(0);

    const done = openCache(file(dataDir));
    try {
      const { db } = done.database;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(() => db.exec(`INSERT INTO orders_fts (orders_fts) VALUES ('integrity-check')`)).not.toThrow();
      expect(schemaOf(db)).toEqual(expected);
      expect(db.prepare('SELECT count(*) FROM deferred_indexes').pluck().get()).toBe(0);
      const job = db.prepare('SELECT state, counts FROM import_jobs').get() as { state: string; counts: string };
      expect(job.state).toBe('finished');
      expect(JSON.parse(job.counts)).toMatchObject({ lines: ORDERS, created: ORDERS, refused: 0, deferred: ORDERS });
      expect(db.prepare('SELECT count(DISTINCT order_id) FROM orders').pluck().get()).toBe(ORDERS);
      const lastOrder = db.prepare(`SELECT order_id FROM orders ORDER BY id DESC LIMIT 1`).pluck().get() as string;
      expect(done.search.search('sandbox', searchQuery.parse({ text: lastOrder })).rows[0]?.orderId).toBe(lastOrder);
    } finally {
      done.close();
    }
  }, 600_000);
});
