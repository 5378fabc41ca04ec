import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheStore, noticingDamage } from '../../../electron/core/cache/cache-store';
import { openDatabase } from '../../../electron/core/store/open-database';
import { systemClock } from '../../../electron/core/clock';
import { CoreError } from '../../../electron/core/core-error';
import type { CacheCheck, CacheRebuild, JobView, SearchResult } from '../../../shared/contract';
import type { AppInfo } from '../../../shared/domain';
import type { AppError, Result } from '../../../shared/result';
import { startCoreHarness } from '../../support/core-harness';
import type { StagingSandbox } from '../../support/staging-sandbox';
import { startStagingSandbox } from '../../support/staging-sandbox';
import { tempDir } from '../../support/temp-dir';
import { bundleStageCli, runStageCli } from '../staging/stage-cli';
import { damagePages, pageSize, sha256 } from './damage';

const work = tempDir('lastmile-damaged-');
const dataDir = join(work.path, 'data');
const file = join(dataDir, 'lastmile.db');
/** A copy of the healthy file, damaged while a console has it open. */
const inUseDir = join(work.path, 'in-use');
/** Another copy, damaged under a writer that holds the connection itself (as a staging job's journal does). */
const writerDir = join(work.path, 'writer');
let env: StagingSandbox;
let cli: string;
/** What the healthy file held, counted before it was damaged. */
let healthy: { orders: number; jobs: number; items: number; audit: number; pages: number };
let healthyCheck: CacheCheck;
let stagedJob: string;
let damagedHash: string;

function counts(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      orders: count('orders'),
      jobs: count('staging_jobs'),
      items: count('staging_items'),
      audit: count('audit_log'),
      pages: db.pragma('page_count', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

function failure(result: Result<unknown>): AppError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

async function settled(harness: Awaited<ReturnType<typeof startCoreHarness>>, jobId: string): Promise<JobView> {
  for (;;) {
    const view = await harness.value<JobView>('staging:job', { environmentId: 'sandbox', jobId });
    if (view.state !== 'running' && view.state !== 'waiting_for_network') return view;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  // 900 stageable orders need about 3,000 demo orders: the console's own prefetch gets each one from the sandbox.
  env = await startStagingSandbox(900);
  cli = await bundleStageCli(work.path);
  const harness = await startCoreHarness({ dataDir, sandbox: env.sandbox });
  try {
    await harness.core.idle();
    const job = await harness.value<JobView>('staging:start', {
      environmentId: 'sandbox',
      rows: env.stageable.slice(0, 5).map((orderId, i) => ({ orderId, bags_count: 1, line: i + 2 })),
      name: 'Before the disk fault',
    });
    stagedJob = job.jobId;
    expect((await settled(harness, job.jobId)).state).toBe('finished');
    for (let i = 0; i < 200; i++) await harness.value('environments:test', { id: 'sandbox' });
    healthyCheck = await harness.value<CacheCheck>('cache:check', {});
  } finally {
    await harness.close();
  }
  healthy = counts(file);
  mkdirSync(inUseDir);
  copyFileSync(file, join(inUseDir, 'lastmile.db'));
  copyFileSync(file, join(inUseDir, 'healthy.db'));
  mkdirSync(writerDir);
  copyFileSync(file, join(writerDir, 'lastmile.db'));
  damagePages(file, 256, 64 * 1024);
  damagedHash = sha256(file);
}, 120_000);
afterAll(async () => {
  await env.sandbox.close();
  work.remove();
});

describe('a cache file damaged in the middle', () => {
  it('held a few thousand orders fetched from the sandbox, and its check was ok while it was healthy', () => {
    expect(healthy.orders).toBeGreaterThan(2500);
    expect(healthy.pages).toBeGreaterThan(256 + 16);
    expect(healthy).toMatchObject({ jobs: 1, items: 5 });
    expect(healthy.audit).toBeGreaterThanOrEqual(205);
    expect(healthyCheck).toMatchObject({ ok: true, problemCount: 0, pages: [] });
  });

  it('is refused on open with the clear cache_damaged error, and is not changed by it', () => {
    let error: unknown;
    try {
      openDatabase(file).close();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(CoreError);
    const { appError } = error as CoreError;
    expect(appError.code).toBe('cache_damaged');
    expect(appError.message).toContain(file);
    expect(appError.message).toMatch(/damaged.*no longer writes to it/s);
    expect(appError.hint).toMatch(/Set the damaged file aside and rebuild/);
    expect(appError.message).not.toMatch(/SQLITE|malformed/i);
    expect(sha256(file)).toBe(damagedHash);
  });

  it('the console starts, says so, answers cache_damaged instead of 0 rows, and never writes to the file', async () => {
    const harness = await startCoreHarness({ dataDir, sandbox: env.sandbox, prefetch: false });
    try {
      const info = await harness.value<AppInfo>('app:info');
      expect(info.cacheProblem?.code).toBe('cache_damaged');
      for (const text of ['Kamal', env.stageable[0]!, '']) {
        expect(
          failure(await harness.call<SearchResult>('orders:search', { environmentId: 'sandbox', text })).code,
        ).toBe('cache_damaged');
      }
      expect(failure(await harness.call('orders:export-csv', { environmentId: 'sandbox', filters: {} })).code).toBe(
        'cache_damaged',
      );
      expect(failure(await harness.call('staging:jobs', { environmentId: 'sandbox' })).code).toBe('cache_damaged');
      expect(failure(await harness.call('audit:list', {})).code).toBe('cache_damaged');
      expect(
        failure(await harness.call('orders:get', { environmentId: 'sandbox', orderId: env.stageable[0]! })).code,
      ).toBe('cache_damaged');
      const check = await harness.value<CacheCheck>('cache:check', {});
      expect(check.ok).toBe(false);
      expect(check.problemCount).toBeGreaterThan(0);
      expect(check.message).toMatch(/damaged/);
      expect(check.pages.length).toBeLessThanOrEqual(50);
    } finally {
      await harness.close();
    }
    expect(sha256(file)).toBe(damagedHash);
  });

  it('the stage CLI exits non-zero, says the file is damaged and what to do, and does not write to it', async () => {
    const run = runStageCli(cli, ['--list', '--data-dir', dataDir, '--sandbox-url', env.sandbox.url]);
    const exit = await run.exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(/is damaged/);
    expect(exit.stderr).toMatch(/no longer writes to it/);
    expect(run.events).toEqual([]);
    expect(sha256(file)).toBe(damagedHash);
    expect(readdirSync(dataDir).filter((name) => name.includes('.open-'))).toEqual([]);
  });

  it('rebuild keeps the file aside, saves the readable journal and audit log, and the console works again', async () => {
    const harness = await startCoreHarness({ dataDir, sandbox: env.sandbox, prefetch: false });
    try {
      const rebuilt = await harness.value<CacheRebuild>('cache:rebuild', {});
      expect(basename(rebuilt.keptAt)).toMatch(/^lastmile\.damaged-[\dT-]+Z\.db$/);
      expect(sha256(rebuilt.keptAt)).toBe(damagedHash);
      // The journal and the audit log were written after the orders, past the damaged pages.
      expect(rebuilt.stagingJobs).toEqual({ saved: 1, lost: 0 });
      expect(rebuilt.stagingItems).toEqual({ saved: 5, lost: 0 });
      expect(rebuilt.auditEntries).toEqual({ saved: healthy.audit, lost: 0 });
      expect(rebuilt.message).toContain(rebuilt.keptAt);

      const info = await harness.value<AppInfo>('app:info');
      expect(info.cacheProblem).toBeNull();
      const statuses = harness.events.filter((e) => e.name === 'app:status').map((e) => e.payload as AppInfo);
      expect(statuses.at(-1)?.cacheProblem).toBeNull();
      const jobs = await harness.value<{ jobId: string }[]>('staging:jobs', { environmentId: 'sandbox' });
      expect(jobs.map((job) => job.jobId)).toEqual([stagedJob]);
      expect((await harness.value<JobView>('staging:job', { environmentId: 'sandbox', jobId: stagedJob })).done).toBe(
        5,
      );
      expect((await harness.value<{ total: number }>('audit:list', {})).total).toBe(healthy.audit);
      // Orders are learned again from the API.
      const id = env.stageable[10]!;
      expect((await harness.value<SearchResult>('orders:search', { environmentId: 'sandbox', text: id })).total).toBe(
        0,
      );
      await harness.value('orders:get', { environmentId: 'sandbox', orderId: id });
      expect((await harness.value<SearchResult>('orders:search', { environmentId: 'sandbox', text: id })).total).toBe(
        1,
      );
      expect(failure(await harness.call('cache:rebuild', {})).code).toBe('cache_not_damaged');
      expect((await harness.value<CacheCheck>('cache:check', {})).ok).toBe(true);
    } finally {
      await harness.close();
    }
    expect(
      sha256(
        readdirSync(dataDir)
          .map((n) => join(dataDir, n))
          .find((p) => p.includes('.damaged-') && p.endsWith('.db'))!,
      ),
    ).toBe(damagedHash);
  });
});

describe('a cache file damaged while the console has it open', () => {
  it('the first damage error marks it damaged: every later call says so, and close writes nothing', async () => {
    const inUse = join(inUseDir, 'lastmile.db');
    const harness = await startCoreHarness({ dataDir: inUseDir, sandbox: env.sandbox, prefetch: false });
    let hash: string | undefined;
    try {
      expect((await harness.value<AppInfo>('app:info')).cacheProblem).toBeNull();
      damagePages(inUse, 256, 64 * 1024);
      hash = sha256(inUse);
      const first = await harness.call('orders:export-csv', { environmentId: 'sandbox', filters: {} });
      expect(failure(first)).toMatchObject({ code: 'cache_damaged' });
      expect(failure(first).message).not.toMatch(/SQLITE|malformed/i);
      expect(failure(await harness.call('orders:search', { environmentId: 'sandbox', text: '' })).code).toBe(
        'cache_damaged',
      );
      expect(failure(await harness.call('staging:jobs', { environmentId: 'sandbox' })).code).toBe('cache_damaged');
      expect((await harness.value<AppInfo>('app:info')).cacheProblem?.code).toBe('cache_damaged');
      const statuses = harness.events.filter((e) => e.name === 'app:status').map((e) => e.payload as AppInfo);
      expect(statuses.at(-1)?.cacheProblem?.code).toBe('cache_damaged');
    } finally {
      await harness.close();
    }
    // No statistics (PRAGMA optimize) nor anything else written on close.
    expect(sha256(inUse)).toBe(hash);
  });
});

describe('a cache file damaged under a writer outside any channel call', () => {
  it('the damage error marks it damaged, and the connection that writer holds refuses every later write', () => {
    const copy = join(writerDir, 'lastmile.db');
    const store = new CacheStore(copy, systemClock);
    const db = store.use().database.db;
    damagePages(copy, 256, 64 * 1024);
    const hash = sha256(copy);
    const writer = noticingDamage((error) => store.noticed(error), {
      readAll: () => db.prepare('SELECT * FROM orders').all().length,
      record: () =>
        db
          .prepare(
            `INSERT INTO audit_log (at_ms, environment_id, action, request, outcome) VALUES (1, 'sandbox', 'order.stage', '{}', 'ok')`,
          )
          .run(),
    });
    let thrown: unknown;
    try {
      writer.readAll();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CoreError);
    expect((thrown as CoreError).appError.code).toBe('cache_damaged');
    expect(store.problem()?.code).toBe('cache_damaged');
    expect(() => writer.record()).toThrow(/readonly/i);
    store.close();
    expect(sha256(copy)).toBe(hash);
  });

  it('cache:check on the open file finds the damage and marks it damaged, still writing nothing', () => {
    const copy = join(writerDir, 'checked.db');
    copyFileSync(join(inUseDir, 'healthy.db'), copy);
    const store = new CacheStore(copy, systemClock);
    damagePages(copy, 256, 64 * 1024);
    const hash = sha256(copy);
    const check = store.check();
    expect(check).toMatchObject({ ok: false });
    expect(check.problemCount).toBeGreaterThan(0);
    expect(store.problem()?.code).toBe('cache_damaged');
    store.close();
    expect(sha256(copy)).toBe(hash);
  });
});

describe('rebuilding from a file whose audit log is damaged', () => {
  it('copies the audit entries row by row, skipping and counting the unreadable ones', () => {
    const dir = tempDir('lastmile-damaged-audit-');
    try {
      // The rebuilt cache of the test above: sound, and holding the audit entries saved into it.
      const copy = join(dir.path, 'lastmile.db');
      copyFileSync(join(dataDir, 'lastmile.db'), copy);
      const db = new Database(copy, { readonly: true });
      const leaves = db
        .prepare(`SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf' ORDER BY pageno`)
        .all() as { pageno: number }[];
      const total = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
      db.close();
      expect(leaves.length).toBeGreaterThan(2);
      damagePages(copy, leaves[1]!.pageno, pageSize(copy));
      const store = new CacheStore(copy, systemClock);
      expect(store.problem()?.code).toBe('cache_damaged');
      const rebuilt = store.rebuild();
      store.close();
      expect(rebuilt.auditEntries.lost).toBeGreaterThan(0);
      expect(rebuilt.auditEntries.saved).toBeGreaterThan(0);
      expect(rebuilt.auditEntries.saved + rebuilt.auditEntries.lost).toBe(total);
      expect(rebuilt.message).toMatch(/unreadable/);
      expect(existsSync(rebuilt.keptAt)).toBe(true);
    } finally {
      dir.remove();
    }
  });
});
