import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../electron/launch/paths';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import { SANDBOX_TEST_NOW } from '../../support/sandbox-client';
import { tempDir } from '../../support/temp-dir';
import { SHOP_HEADERS, csvOf } from './import-support';

const ORDERS = 600;
/** Killed once the sandbox has answered this many requests: 0 is while the file is being read. */
const KILL_AFTER = [0, 1, 150, 420, 599];

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
  child = join(work.path, 'import-child.cjs');
  await build({
    entryPoints: [join(repoRoot, 'test/integration/shop-import/import-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: child,
    external: ['better-sqlite3', '@napi-rs/keyring'],
    logLevel: 'warning',
  });
  sandbox = await startSandbox({
    orders: ORDERS,
    seed: 4,
    clock: createSandboxClock({ start: SANDBOX_TEST_NOW, frozen: true }),
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

describe(`crash test: an import of ${ORDERS} orders killed with SIGKILL, then resumed`, () => {
  it.each(KILL_AFTER.map((after, index) => ({ after, index })))(
    'killed after $after answers: every order present once with its shop data and its status, asked about once',
    async ({ after, index }) => {
      const dataDir = join(work.path, `run-${index}`);
      const before = sandbox.counters.totals.requests;
      const first = run([dataDir, sandbox.url, exportFile]);
      // The child's clock is the machine's, not the sandbox's: the rows have no window, so each is asked about.
      await new Promise<void>((resolve) => {
        void first.exited.then(() => resolve());
        const watch = setInterval(() => {
          const started = first.output().stdout.includes('started');
          if (!started || sandbox.counters.totals.requests - before < after) return;
          clearInterval(watch);
          first.proc.kill('SIGKILL');
          resolve();
        }, 1);
      });
      expect((await first.exited).signal).toBe('SIGKILL');

      const second = run([dataDir, sandbox.url]);
      const resumed = await second.exited;
      expect(second.output().stderr).toBe('');
      expect(resumed.code).toBe(0);

      const db = new Database(join(dataDir, 'lastmile.db'));
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const orders = db.prepare('SELECT order_id, first_name, phone, status FROM orders').all() as {
          first_name: string;
          phone: string;
          status: string;
        }[];
        expect(orders).toHaveLength(ORDERS);
        expect(orders.filter((o) => !o.first_name.startsWith('Kim') || !o.phone.startsWith('+1415555'))).toEqual([]);
        expect(orders.filter((o) => o.status === 'not_checked')).toEqual([]);
        const job = db.prepare('SELECT state, counts FROM import_jobs').get() as { state: string; counts: string };
        expect(job.state).toBe('finished');
        expect(JSON.parse(job.counts)).toMatchObject({ lines: ORDERS, created: ORDERS, fetched: ORDERS, refused: 0 });
        // One get per order, plus at most those in flight at the kill and a token exchange per process.
        const requests = sandbox.counters.totals.requests - before;
        expect(requests).toBeGreaterThanOrEqual(ORDERS);
        expect(requests).toBeLessThanOrEqual(ORDERS + 4 + 2);
      } finally {
        db.close();
      }
    },
    120_000,
  );
});
