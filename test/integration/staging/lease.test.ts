import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/create-core';
import { KeyringCredentialStore } from '../../../electron/core/environments/keyring-store';
import { isCoreError } from '../../../electron/core/core-error';
import type { JobProgress } from '../../../shared/contract';
import { TEST_KEYCHAIN_SERVICE } from '../../support/core-harness';
import type { StagingSandbox } from '../../support/staging-sandbox';
import { startStagingSandbox } from '../../support/staging-sandbox';
import { tempDir } from '../../support/temp-dir';
import type { StageChild } from './stage-cli';
import { bundleStageCli, runStageCli } from './stage-cli';

const ORDERS = 120;
/** Orders a second at most: the job takes about ten seconds, long enough to be watched from other processes on a busy machine. */
const RATE = 12;
const LEASE_MS = 1_500;

const work = tempDir('lastmile-lease-');
let cli: string;
beforeAll(async () => {
  cli = await bundleStageCli(work.path);
});
afterAll(() => work.remove());

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Run {
  env: StagingSandbox;
  dataDir: string;
  common: string[];
  report: string;
  start(): StageChild;
}

async function prepare(name: string, rate = RATE): Promise<Run> {
  const env = await startStagingSandbox(ORDERS, { faults: { latencyMs: 5, rateLimitPerSecond: rate } });
  const dataDir = join(work.path, name);
  const sheet = join(work.path, `${name}.csv`);
  const report = join(work.path, `${name}-report.csv`);
  writeFileSync(sheet, `order_id,bags_count\n${env.stageable.map((id) => `${id},1`).join('\n')}\n`);
  const common = ['--sandbox-url', env.sandbox.url, '--data-dir', dataDir];
  const lease = { LASTMILE_TEST_STAGING_LEASE_MS: String(LEASE_MS) };
  return {
    env,
    dataDir,
    common,
    report,
    start: () => runStageCli(cli, ['--csv', sheet, '--env', 'sandbox', '--report', report, ...common], lease),
  };
}

const jobIdOf = (child: StageChild) => child.events.find((e) => e.event === 'started')?.jobId as string | undefined;

async function listed(run: Run, jobId: string): Promise<Record<string, unknown>> {
  const list = runStageCli(cli, ['--list', ...run.common]);
  const { code, stderr } = await list.exited;
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const job = list.events.find((e) => e.jobId === jobId);
  expect(job).toBeTruthy();
  return job!;
}

/** Every order accepted once, and no stage request sent for an order already staged (it would answer 404). */
function expectStagedOnce(env: StagingSandbox): void {
  expect(env.audit(env.stageable)).toEqual({ doubled: [], missing: [] });
  expect(env.sandbox.counters.totals.stages).toBe(ORDERS);
  expect(env.sandbox.counters.statusCount(404)).toBe(0);
}

describe('one owner per staging job, across processes', () => {
  it('keeps a running job with its owner while a list, a resume and a console start elsewhere; nothing is sent twice', async () => {
    // Half the rate: the job must outlast two CLI runs and a console's start, each seconds long on a loaded machine.
    const run = await prepare('watched', RATE / 2);
    try {
      const owner = run.start();
      await until(() => run.env.sandbox.counters.totals.stages >= 10, 'the first stages');
      const jobId = jobIdOf(owner)!;
      const pid = owner.child.pid!;

      expect(await listed(run, jobId)).toMatchObject({ state: 'running', owner: { pid, here: false } });

      const second = runStageCli(cli, ['--resume', jobId, ...run.common]);
      const refused = await second.exited;
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`This job is running in another console (process ${pid})`);
      expect(refused.stderr).toMatch(/Use the console that runs it, or wait until it stops/);

      // A console starting on the same data folder: it lists the job as running there and refuses to act on it.
      const core = await createCore({
        dataDir: run.dataDir,
        host: 'browser',
        version: '0.0.0-test',
        credentialStore: new KeyringCredentialStore(TEST_KEYCHAIN_SERVICE),
        emit: () => {},
        sandboxUrl: run.env.sandbox.url,
        prefetch: false,
      });
      try {
        const jobs: JobProgress[] = await core.handlers['staging:jobs']({ environmentId: 'sandbox' });
        expect(jobs.find((job) => job.jobId === jobId)).toMatchObject({
          state: 'running',
          owner: { pid, here: false },
        });
        for (const action of ['staging:resume', 'staging:pause', 'staging:cancel', 'staging:retry-failed'] as const) {
          const error: unknown = await core.handlers[action]({ environmentId: 'sandbox', jobId }).then(
            () => null,
            (failure: unknown) => failure,
          );
          expect(isCoreError(error) && error.appError, action).toMatchObject({
            code: 'job_owned_elsewhere',
            message: expect.stringContaining(`process ${pid}`),
          });
        }
      } finally {
        await core.close();
      }
      expect(await listed(run, jobId)).toMatchObject({ state: 'running', owner: { pid, here: false } });

      const finished = await owner.exited;
      expect(finished.stderr).toBe('');
      expect(finished.code).toBe(0);
      expect(owner.events.at(-1)).toMatchObject({ event: 'summary', state: 'finished', done: ORDERS, remaining: 0 });
      expectStagedOnce(run.env);
      const rows = parse(readFileSync(run.report, 'utf8'), { columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(ORDERS);
      expect(rows.every((row) => row.result === 'staged')).toBe(true);
      expect(rows.filter((row) => /before this job/i.test(row.note ?? ''))).toEqual([]);
      expect(await listed(run, jobId)).toMatchObject({ state: 'finished', owner: null });
    } finally {
      await run.env.sandbox.close();
    }
  }, 120_000);

  it('lets one of two processes resuming at once take over a job whose owner was killed; every order is staged once', async () => {
    const run = await prepare('killed');
    try {
      const owner = run.start();
      await until(() => run.env.sandbox.counters.totals.stages >= 20, 'the first stages');
      owner.child.kill('SIGKILL');
      expect((await owner.exited).signal).toBe('SIGKILL');
      const jobId = jobIdOf(owner)!;

      // Its process is gone: the job is no longer anybody's, and is offered for resume. A list sends nothing.
      const requests = run.env.sandbox.counters.totals.requests;
      expect(await listed(run, jobId)).toMatchObject({ state: 'paused', owner: null, error: { code: 'interrupted' } });
      expect(run.env.sandbox.counters.totals.requests).toBe(requests);
      const both = [0, 1].map(() => runStageCli(cli, ['--resume', jobId, ...run.common]));
      const ends = await Promise.all(both.map((child) => child.exited));
      const winner = ends.findIndex((end) => end.code === 0);
      expect(ends.map((end) => end.code).sort()).toEqual([0, 1]);
      expect(ends[winner]!.stderr).toBe('');
      expect(both[winner]!.events.at(-1)).toMatchObject({
        event: 'summary',
        state: 'finished',
        done: ORDERS,
        failed: 0,
      });
      // The other was refused while the winner ran it, or found it finished.
      expect(ends[1 - winner]!.stderr).toMatch(/running in another console \(process \d+\)|This job has finished/);
      expectStagedOnce(run.env);
    } finally {
      await run.env.sandbox.close();
    }
  }, 120_000);

  it('refuses an owner that stopped answering until its lease expires, then another process takes the job over', async () => {
    const run = await prepare('stalled');
    const owner = run.start();
    try {
      await until(() => run.env.sandbox.counters.totals.stages >= 20, 'the first stages');
      // Stopped, not gone: its process is alive, so only the lease's expiry frees the job.
      owner.child.kill('SIGSTOP');
      const jobId = jobIdOf(owner)!;
      const pid = owner.child.pid!;
      const early = runStageCli(cli, ['--resume', jobId, ...run.common]);
      const refused = await early.exited;
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`process ${pid}`);

      await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
      const resumed = runStageCli(cli, ['--resume', jobId, ...run.common], {
        LASTMILE_TEST_STAGING_LEASE_MS: String(LEASE_MS),
      });
      const done = await resumed.exited;
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      expect(resumed.events.at(-1)).toMatchObject({ event: 'summary', state: 'finished', done: ORDERS, failed: 0 });
      expectStagedOnce(run.env);
    } finally {
      owner.child.kill('SIGKILL');
      await owner.exited;
      await run.env.sandbox.close();
    }
  }, 120_000);
});
