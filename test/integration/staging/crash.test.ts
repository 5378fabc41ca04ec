import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStagingSandbox } from '../../support/staging-sandbox';
import { tempDir } from '../../support/temp-dir';
import { bundleStageCli, runStageCli } from './stage-cli';

const SEED = Number(process.env.STAGING_CRASH_SEED ?? 20261123);
const RUNS = 20;
const ORDERS = 500;

/** mulberry32: the kill points follow from the seed alone, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seeded(SEED);
/** Killed once the sandbox has seen `requests` requests, then `delayMs` later: between a commit and its send, mid-request, mid-answer. */
const killPoints = Array.from({ length: RUNS }, () => ({
  requests: 1 + Math.floor(random() * ORDERS),
  delayMs: Math.floor(random() * 8),
}));

const work = tempDir('lastmile-crash-');
let cli: string;
const inFlightAtKill: number[] = [];

beforeAll(async () => {
  cli = await bundleStageCli(work.path);
});
afterAll(() => {
  work.remove();
  // Each run checks its own result; this checks the runs as a whole exercised the hard case.
  expect(inFlightAtKill.filter((n) => n > 0).length).toBeGreaterThan(0);
});

describe(`crash test: ${RUNS} runs of ${ORDERS} orders killed with SIGKILL (seed ${SEED})`, () => {
  it.concurrent.each(killPoints.map((point, run) => ({ ...point, run })))(
    'run $run: killed after request $requests (+$delayMs ms), resumed, every order staged exactly once',
    async ({ run, requests, delayMs }) => {
      const env = await startStagingSandbox(ORDERS, { faults: { latencyMs: 5 } });
      const dataDir = join(work.path, `run-${run}`);
      const sheet = join(work.path, `run-${run}.csv`);
      writeFileSync(sheet, `order_id,bags_count\n${env.stageable.map((id) => `${id},1`).join('\n')}\n`);
      const common = ['--sandbox-url', env.sandbox.url, '--data-dir', dataDir];
      try {
        const first = runStageCli(cli, ['--csv', sheet, '--env', 'sandbox', ...common]);
        await new Promise<void>((resolve) => {
          const watch = setInterval(() => {
            if (env.sandbox.counters.totals.requests < requests) return;
            clearInterval(watch);
            setTimeout(() => {
              first.child.kill('SIGKILL');
              resolve();
            }, delayMs);
          }, 2);
        });
        const killed = await first.exited;
        expect(killed.signal).toBe('SIGKILL');
        const jobId = first.events.find((e) => e.event === 'started')?.jobId as string;
        expect(jobId).toBeTruthy();

        const db = new Database(join(dataDir, 'lastmile.db'), { readonly: true });
        const left = db.prepare(`SELECT count(*) AS n FROM staging_items WHERE state = 'in_flight'`).get() as {
          n: number;
        };
        db.close();
        inFlightAtKill.push(left.n);

        const second = runStageCli(cli, ['--resume', jobId, ...common]);
        const resumed = await second.exited;
        expect(resumed.stderr).toBe('');
        expect(resumed.code).toBe(0);
        expect(second.events.at(-1)).toMatchObject({ event: 'summary', state: 'finished', done: ORDERS, failed: 0 });
        expect(env.audit(env.stageable)).toEqual({ doubled: [], missing: [] });
        expect(env.sandbox.counters.totals.stages).toBe(ORDERS);

        const check = new Database(join(dataDir, 'lastmile.db'));
        expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
        check.close();
      } finally {
        await env.sandbox.close();
      }
    },
    120_000,
  );
});
