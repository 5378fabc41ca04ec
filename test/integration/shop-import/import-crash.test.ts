import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleChild } from '../../support/bundle-child';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../electron/launch/paths';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import { SANDBOX_TEST_NOW } from '../../support/sandbox-client';
import { tempDir } from '../../support/temp-dir';
import { SHOP_HEADERS, csvOf } from './import-support';

const ORDERS = 5000;
/** The sandbox's limit: the import's limiter starts above it (see import-child.ts) and finds it. */
const RATE_PER_SECOND = 20;
/** At most this many gets in flight (import-child.ts): answered but not yet written at a kill, asked again. */
const IN_FLIGHT = 4;

/**
 * Where each of the ten kills lands, one after the other in the same import, each in the process the
 * kill before left to resume: while the file is read (before any batch was written, then with some
 * written), then once Instacart has answered so many gets in all.
 */
type KillPoint = { reading: 'at-start' | 'mid-file' } | { answers: number };
const KILLS: KillPoint[] = [
  { reading: 'at-start' },
  { reading: 'mid-file' },
  { answers: 1 },
  { answers: 250 },
  { answers: 900 },
  { answers: 1700 },
  { answers: 2600 },
  { answers: 3500 },
  { answers: 4400 },
  { answers: 4990 },
];

const work = tempDir('lastmile-import-crash-');
let child: string;
let sandbox: Sandbox;
let exportFile: string;

function run(args: string[]) {
  const proc = spawn(process.execPath, [child, ...args], {
    env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { proc, exited, output: () => ({ stdout, stderr }) };
}

beforeAll(async () => {
  child = await bundleChild('test/integration/shop-import/import-child.ts', work.path, 'import-child.cjs');
  sandbox = await startSandbox({
    orders: ORDERS,
    seed: 4,
    clock: createSandboxClock({ start: SANDBOX_TEST_NOW, frozen: true }),
    faults: { rateLimitPerSecond: RATE_PER_SECOND },
  });
  const rows = sandbox
    .demoOrders()
    .map((o, i) => [
      o.orderId,
      o.userId,
      `Kim${i} Ito`,
      `(415) 555-${String(i).padStart(4, '0')}`,
      `${i} Main St`,
      '',
      '94110',
      '1001',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  exportFile = join(work.path, 'export.csv');
  writeFileSync(exportFile, csvOf([SHOP_HEADERS, ...rows]));
});
afterAll(async () => {
  await sandbox.close();
  work.remove();
});

/** The gets the sandbox answered (a token exchange also answers 200). */
const answeredGets = () => sandbox.counters.statusCount(200) - sandbox.counters.totals.tokens;

interface Journal {
  state: string;
  lines_done: number;
  counts: string;
}

function openReadOnly(dataDir: string) {
  return new Database(join(dataDir, 'lastmile.db'), { readonly: true, fileMustExist: true });
}

function journalOf(db: Database.Database): Journal | undefined {
  return db.prepare('SELECT state, lines_done, counts FROM import_jobs').get() as Journal | undefined;
}

const linesDone = (dataDir: string) => {
  if (!existsSync(join(dataDir, 'lastmile.db'))) return 0;
  const db = openReadOnly(dataDir);
  try {
    return journalOf(db)?.lines_done ?? 0;
  } finally {
    db.close();
  }
};

/** Resolves once `point` is reached by the import under way, or the process has ended. */
async function reached(
  point: KillPoint,
  started: () => boolean,
  exited: Promise<unknown>,
  dataDir: string,
  linesBefore: number,
): Promise<void> {
  let ended = false;
  void exited.then(() => (ended = true));
  let db: Database.Database | null = null;
  try {
    for (;;) {
      if (ended) return;
      if ('answers' in point) {
        if (answeredGets() >= point.answers) return;
      } else if (point.reading === 'at-start') {
        if (started()) return;
      } else {
        // Polled in the file itself: a batch of lines committed by this process, more to read.
        try {
          db ??= openReadOnly(dataDir);
          const job = journalOf(db);
          if (job && job.state === 'reading' && job.lines_done > linesBefore) return;
        } catch {
          // The child has not created the file's tables yet.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  } finally {
    db?.close();
  }
}

/** What must hold in the file after any kill: nothing half-written, nothing lost, nothing twice. */
function checkAfterKill(dataDir: string, point: KillPoint) {
  const db = openReadOnly(dataDir);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const job = journalOf(db)!;
    const read = (JSON.parse(job.counts) as { lines: number }).lines;
    if ('reading' in point) {
      expect(job.state).toBe('reading');
      if (point.reading === 'mid-file') expect(read).toBeGreaterThan(0);
      expect(read).toBeLessThan(ORDERS);
    }
    const orders = db.prepare('SELECT order_id, first_name, phone, status FROM orders').all() as {
      order_id: string;
      first_name: string;
      phone: string;
      status: string;
    }[];
    // Every line read is in the cache with its shop data, and none beyond: a batch commits whole.
    expect(orders).toHaveLength(read);
    expect(new Set(orders.map((o) => o.order_id)).size).toBe(orders.length);
    expect(orders.filter((o) => !o.first_name.startsWith('Kim') || !o.phone.startsWith('+1415555'))).toEqual([]);
    // An order not yet answered for is still to be asked about: none is dropped from the journal.
    const lost = db
      .prepare(
        `SELECT count(*) AS n FROM orders o JOIN import_rows r ON r.order_id = o.order_id
         WHERE o.status = 'not_checked' AND r.state <> 'pending'`,
      )
      .get() as { n: number };
    expect(lost.n).toBe(0);
  } finally {
    db.close();
  }
}

describe(`crash test: an import of ${ORDERS} orders against the sandbox at ${RATE_PER_SECOND} requests/s, SIGKILLed at ${KILLS.length} points`, () => {
  it('after each kill nothing is half-written; after the last resume every order is present once with its shop data and its status, asked about once', async () => {
    const dataDir = join(work.path, 'data');
    const gets = answeredGets();
    const points = KILLS.map((point) => ('answers' in point ? { answers: gets + point.answers } : point));
    for (const [index, point] of points.entries()) {
      // The first process starts the import; each one after resumes what the kill before left.
      const before = linesDone(dataDir);
      const proc = run(index === 0 ? [dataDir, sandbox.url, exportFile] : [dataDir, sandbox.url]);
      await reached(point, () => proc.output().stdout.includes('started'), proc.exited, dataDir, before);
      proc.proc.kill('SIGKILL');
      const exit = await proc.exited;
      expect(exit.signal, `kill ${index + 1} (${JSON.stringify(KILLS[index])}): ${proc.output().stderr}`).toBe(
        'SIGKILL',
      );
      checkAfterKill(dataDir, point);
    }

    const last = run([dataDir, sandbox.url]);
    const resumed = await last.exited;
    expect(last.output().stderr).toBe('');
    expect(resumed.code).toBe(0);

    const db = openReadOnly(dataDir);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const orders = db.prepare('SELECT order_id, first_name, phone, status FROM orders').all() as {
        order_id: string;
        first_name: string;
        phone: string;
        status: string;
      }[];
      expect(orders).toHaveLength(ORDERS);
      expect(new Set(orders.map((o) => o.order_id)).size).toBe(ORDERS);
      expect(orders.filter((o) => !o.first_name.startsWith('Kim') || !o.phone.startsWith('+1415555'))).toEqual([]);
      expect(orders.filter((o) => o.status === 'not_checked')).toEqual([]);
      const job = journalOf(db)!;
      expect(job.state).toBe('finished');
      expect(JSON.parse(job.counts)).toMatchObject({
        lines: ORDERS,
        created: ORDERS,
        fetched: ORDERS,
        refused: 0,
        fetchFailed: 0,
      });
      // One answered get per order, plus at most those in flight at each kill.
      const answered = answeredGets() - gets;
      expect(answered).toBeGreaterThanOrEqual(ORDERS);
      expect(answered).toBeLessThanOrEqual(ORDERS + IN_FLIGHT * KILLS.length);
    } finally {
      db.close();
    }
  }, 900_000);
});
