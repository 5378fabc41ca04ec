import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/core/clock';
import type { AuditEntry, JobView, RetriedJob, SearchResult } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { MemoryCredentialStore } from '../../support/memory-credential-store';
import type { TestPostgres } from '../../support/postgres';
import { startPostgres } from '../../support/postgres';
import type { StagingSandbox } from '../../support/staging-sandbox';
import { startStagingSandbox } from '../../support/staging-sandbox';
import { settledAll, teamConsole, teamDatabase, withClient } from './team-fixture';

let server: TestPostgres;
let env: StagingSandbox;
let teamUrl: string;
let consoles: CoreHarness[] = [];

beforeAll(async () => {
  server = await startPostgres();
  teamUrl = await teamDatabase(server, 'team');
  // Slow enough answers that the first job is still running when the other console's start is taken,
  // even on a loaded machine: claims guard orders of running jobs, not of finished ones.
  env = await startStagingSandbox(60, { faults: { latencyMs: 200 } });
  // The sandbox's clock is frozen (so which orders are stageable stays known); the consoles' runs on, which
  // the runner's timing needs (on the frozen one a job of 26 orders took 20 s).
  // Each console its own keychain: the test keychain's entry is shared with three-consoles.test.ts, which
  // clears it when it ends, signing out these consoles' claims if it runs alongside.
  const as = (computerUser: string) => ({
    computerUser,
    clock: systemClock,
    staging: { progressEveryMs: 50 },
    credentialStore: new MemoryCredentialStore(),
  });
  consoles = [await teamConsole(env.sandbox, teamUrl, as('ana')), await teamConsole(env.sandbox, teamUrl, as('ben'))];
  await settledAll(consoles);
}, 90_000);

afterAll(async () => {
  for (const harness of consoles) await harness.close();
  await env?.sandbox.close();
  await server?.close();
});

const rowsOf = (ids: readonly string[]) => ids.map((orderId) => ({ orderId, bags_count: 1, items_count: 2 }));
const start = (harness: CoreHarness, ids: readonly string[]) =>
  harness.call<JobView>('staging:start', { environmentId: 'sandbox', rows: rowsOf(ids), name: 'same sheet' });
const settledJob = (harness: CoreHarness, jobId: string) => harness.core.services.staging().settled(jobId);
/** Claims of running jobs; a finished job's staged orders stay marked staged (staged_ms). */
const claimsLeft = () =>
  withClient(
    teamUrl,
    async (client) =>
      (await client.query('SELECT count(*)::int AS n FROM team_staging_claims WHERE staged_ms IS NULL')).rows,
  );

describe('two team consoles staging the same sheet at once', () => {
  it('stages each order exactly once; the other console is told who stages them, and sees them staged', async () => {
    const ids = env.stageable.slice(0, 26);
    const [first, second] = await Promise.all([start(consoles[0]!, ids), start(consoles[1]!, ids)]);
    const results = [first, second];
    const won = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const winner = results.indexOf(won[0]!);
    const refusal = refused[0]!;
    if (refusal.ok) throw new Error('unreachable');
    expect(refusal.error).toMatchObject({
      code: 'staged_elsewhere',
      message: `All 26 orders are being staged by ${winner === 0 ? 'ana' : 'ben'}.`,
    });

    const job = won[0]!.ok ? won[0]!.value : null;
    const view = await settledJob(consoles[winner]!, job!.jobId);
    expect(view.state).toBe('finished');
    expect(view.items.filter((item) => item.state === 'done')).toHaveLength(26);
    expect(env.audit(ids)).toEqual({ doubled: [], missing: [] });
    expect(env.sandbox.counters.statusCount(404)).toBe(0);
    expect(await claimsLeft()).toEqual([{ n: 0 }]);

    // Started again on the other console before the staged statuses reach it: nothing is sent.
    const requests = env.sandbox.counters.totals.requests;
    const again = await start(consoles[1 - winner]!, ids);
    expect(again).toMatchObject({
      ok: false,
      error: {
        code: 'staged_elsewhere',
        message: `All 26 orders are already staged by ${winner === 0 ? 'ana' : 'ben'}.`,
      },
    });
    expect(env.sandbox.counters.totals.requests).toBe(requests);

    await settledAll(consoles);
    for (const harness of consoles) {
      const found = await harness.value<SearchResult>('orders:search', { environmentId: 'sandbox', text: '' });
      const status = new Map(found.rows.map((row) => [row.orderId, row.status]));
      expect(ids.filter((id) => status.get(id) !== 'staged')).toEqual([]);
    }
  });

  it('runs only the orders no other job holds, and names the holder of the others in the audit log', async () => {
    const ids = env.stageable.slice(26, 36);
    const held = ids.slice(0, 4);
    await withClient(teamUrl, (client) =>
      client.query(
        `INSERT INTO team_staging_claims (environment_id, order_id, claim_id, console_name, lease_until)
         SELECT 'sandbox', unnest($1::text[]), 'other-job', 'carla', now() + interval '1 minute'`,
        [held],
      ),
    );
    const started = await start(consoles[0]!, ids);
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const view = await settledJob(consoles[0]!, started.value.jobId);
    expect(view.items.map((item) => item.orderId)).toEqual(ids.slice(4));
    expect(view.items.every((item) => item.state === 'done')).toBe(true);
    expect(held.map((id) => env.sandbox.counters.order(id).stages)).toEqual([0, 0, 0, 0]);
    const audit = await consoles[0]!.value<{ rows: AuditEntry[] }>('audit:list', { environmentId: 'sandbox' });
    const entry = audit.rows.find(
      (row) => row.action === 'staging.start' && (row.request as { jobId?: string }).jobId === started.value.jobId,
    );
    expect(entry?.request).toMatchObject({
      orders: 6,
      skipped: held.map((orderId) => ({ orderId, reason: 'being staged by carla' })),
    });
    // Only the other job's claims are left.
    expect(await claimsLeft()).toEqual([{ n: 4 }]);
  });

  it('refuses to start while the team database cannot be reached, staging nothing', async () => {
    const ids = env.stageable.slice(36, 40);
    await server.stop();
    try {
      const started = await start(consoles[1]!, ids);
      expect(started.ok).toBe(false);
      if (started.ok) return;
      expect(started.error).toMatchObject({
        code: 'team_claims_unavailable',
        hint: expect.stringMatching(/once the team database can be reached/) as string,
      });
      expect(ids.map((id) => env.sandbox.counters.order(id).stages)).toEqual([0, 0, 0, 0]);
    } finally {
      await server.start();
    }
    const again = await start(consoles[1]!, ids);
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    expect((await settledJob(consoles[1]!, again.value.jobId)).state).toBe('finished');
    expect(env.audit(ids)).toEqual({ doubled: [], missing: [] });
  });

  it('claims a paused job’s orders again on resume, refusing while another console holds one', async () => {
    const ids = env.stageable.slice(40, 52);
    const started = await start(consoles[0]!, ids);
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const jobId = started.value.jobId;
    await consoles[0]!.value('staging:pause', { environmentId: 'sandbox', jobId });
    const paused = await settledJob(consoles[0]!, jobId);
    expect(paused.state).toBe('paused');
    expect(await claimsLeft()).toEqual([{ n: 4 }]);
    const pending = paused.items.filter((item) => item.state === 'pending').map((item) => item.orderId);
    expect(pending.length).toBeGreaterThan(0);
    await withClient(teamUrl, (client) =>
      client.query(
        `INSERT INTO team_staging_claims (environment_id, order_id, claim_id, console_name, lease_until)
         VALUES ('sandbox', $1, 'dana-job', 'dana', now() + interval '1 minute')`,
        [pending.at(-1)],
      ),
    );
    const refused = await consoles[0]!.call('staging:resume', { environmentId: 'sandbox', jobId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'staged_elsewhere' } });
    if (refused.ok) return;
    expect(refused.error.message).toMatch(/^1 of the \d+ orders left in this job are being staged by dana\.$/);
    expect(env.sandbox.counters.order(pending.at(-1)!).stages).toBe(0);

    await withClient(teamUrl, (client) => client.query(`DELETE FROM team_staging_claims WHERE claim_id = 'dana-job'`));
    const resumed = await consoles[0]!.call<JobView>('staging:resume', { environmentId: 'sandbox', jobId });
    expect(resumed.ok).toBe(true);
    expect((await settledJob(consoles[0]!, jobId)).state).toBe('finished');
    expect(env.audit(ids)).toEqual({ doubled: [], missing: [] });
  });

  it('claims the failed orders again on retry, leaving one another console stages since, and asks first', async () => {
    const ids = env.stageable.slice(52, 58);
    env.sandbox.setFaults({ wait2003: 1, wait2003Seconds: 600 });
    let jobId: string;
    try {
      const started = await start(consoles[1]!, ids);
      if (!started.ok) throw new Error(JSON.stringify(started.error));
      jobId = started.value.jobId;
      expect(await settledJob(consoles[1]!, jobId)).toMatchObject({ state: 'finished', failed: 6 });
    } finally {
      env.sandbox.setFaults({ wait2003: 0 });
    }
    const retry = () => consoles[1]!.call<RetriedJob>('staging:retry-failed', { environmentId: 'sandbox', jobId });
    const jobClaims = () =>
      withClient(
        teamUrl,
        async (client) =>
          (
            await client.query(
              `SELECT count(*)::int AS n FROM team_staging_claims
                WHERE claim_id NOT IN ('other-job', 'erin-job') AND staged_ms IS NULL`,
            )
          ).rows,
      );
    expect(await jobClaims()).toEqual([{ n: 0 }]);

    await server.stop();
    try {
      expect(await retry()).toMatchObject({ ok: false, error: { code: 'team_claims_unavailable' } });
    } finally {
      await server.start();
    }
    const untouched = await settledJob(consoles[1]!, jobId);
    expect(untouched.items.every((item) => item.state === 'failed')).toBe(true);

    // Since the job finished, another console started staging its first order.
    await withClient(teamUrl, (client) =>
      client.query(
        `INSERT INTO team_staging_claims (environment_id, order_id, claim_id, console_name, lease_until)
         VALUES ('sandbox', $1, 'erin-job', 'erin', now() + interval '1 minute')`,
        [ids[0]],
      ),
    );
    const retried = await retry();
    if (!retried.ok) throw new Error(JSON.stringify(retried.error));
    expect(retried.value.retry).toEqual({ retried: 5, left: [{ orderId: ids[0], reason: 'being staged by erin' }] });
    const view = await settledJob(consoles[1]!, jobId);
    expect(view).toMatchObject({ state: 'finished', done: 5, failed: 1 });
    expect(env.sandbox.counters.order(ids[0]!).stages).toBe(0);
    expect(env.audit(ids.slice(1))).toEqual({ doubled: [], missing: [] });
    expect(await jobClaims()).toEqual([{ n: 0 }]);

    await withClient(teamUrl, (client) => client.query(`DELETE FROM team_staging_claims WHERE claim_id = 'erin-job'`));
    const last = await retry();
    expect(last).toMatchObject({ ok: true, value: { retry: { retried: 1, left: [] } } });
    expect(await settledJob(consoles[1]!, jobId)).toMatchObject({ state: 'finished', done: 6, failed: 0 });
    expect(env.audit(ids)).toEqual({ doubled: [], missing: [] });
  });
});
