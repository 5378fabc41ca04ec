import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/core/clock';
import type { JobProgress, JobView, TeamJobProgress } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { MemoryCredentialStore } from '../../support/memory-credential-store';
import type { TestPostgres } from '../../support/postgres';
import { startPostgres } from '../../support/postgres';
import type { StagingSandbox } from '../../support/staging-sandbox';
import { startStagingSandbox } from '../../support/staging-sandbox';
import { settledAll, teamConsole, teamDatabase, withClient } from './team-fixture';

interface Heard {
  name: string;
  payload: unknown;
  at: number;
}

let server: TestPostgres;
let env: StagingSandbox;
let teamUrl: string;
let consoles: CoreHarness[] = [];
const heard: Heard[][] = [[], []];

beforeAll(async () => {
  server = await startPostgres();
  teamUrl = await teamDatabase(server, 'team');
  // Slow answers, so a job of 20 orders runs for seconds and its counts are seen rising.
  env = await startStagingSandbox(30, { faults: { latencyMs: 150 } });
  const as = (computerUser: string, index: number) => ({
    computerUser,
    clock: systemClock,
    staging: { progressEveryMs: 50 },
    // Its own keychain: the test keychain's entry is shared with the other team test files running alongside,
    // and clearing it at the end here would sign their consoles out.
    credentialStore: new MemoryCredentialStore(),
    // Both cores are in this process: one clock stamps what each console was told, and when.
    emit: (name: string, payload: unknown) => heard[index]!.push({ name, payload, at: performance.now() }),
  });
  consoles = [
    await teamConsole(env.sandbox, teamUrl, as('ana', 0)),
    await teamConsole(env.sandbox, teamUrl, as('ben', 1)),
  ];
  await settledAll(consoles);
}, 90_000);

afterAll(async () => {
  for (const harness of consoles) await harness.close();
  await env?.sandbox.close();
  await server?.close();
});

const of = <T>(list: Heard[], name: string, jobId: string) =>
  list
    .filter((entry) => entry.name === name && (entry.payload as { jobId: string }).jobId === jobId)
    .map((entry) => ({ ...(entry.payload as T), at: entry.at }));

describe('another console’s staging job, watched live', () => {
  it('reaches the other console within a second of each change, counts rising, until it has finished', async () => {
    const ids = env.stageable.slice(0, 20);
    const rows = ids.map((orderId) => ({ orderId, bags_count: 1 }));
    const started = await consoles[0]!.value<JobView>('staging:start', {
      environmentId: 'sandbox',
      rows,
      name: 'morning shelf',
    });
    const jobId = started.jobId;

    await expect
      .poll(() => of(heard[1]!, 'team:staging-progress', jobId).length, { timeout: 5_000 })
      .toBeGreaterThan(0);
    const listed = await consoles[1]!.value<TeamJobProgress[]>('team:staging-jobs', { environmentId: 'sandbox' });
    expect(listed).toEqual([
      expect.objectContaining({ jobId, consoleName: 'ana', name: 'morning shelf', total: 20 }) as TeamJobProgress,
    ]);
    // A console does not list its own jobs as another's.
    expect(await consoles[0]!.value('team:staging-jobs', { environmentId: 'sandbox' })).toEqual([]);

    const view = await consoles[0]!.core.services.staging().settled(jobId);
    expect(view.state).toBe('finished');
    await expect
      .poll(() => of<TeamJobProgress>(heard[1]!, 'team:staging-progress', jobId).at(-1)?.state, { timeout: 2_000 })
      .toBe('finished');

    const told = of<TeamJobProgress>(heard[1]!, 'team:staging-progress', jobId);
    const staged = told.map((event) => event.staged);
    expect(staged).toEqual([...staged].sort((a, b) => a - b));
    expect(new Set(staged).size).toBeGreaterThanOrEqual(3);
    expect(told.at(-1)).toMatchObject({ consoleName: 'ana', state: 'finished', total: 20, staged: 20, pending: 0 });
    expect(told.every((event) => event.environmentId === 'sandbox')).toBe(true);

    // Each change console A showed its own screen was on console B's within a second.
    const changes = of<JobProgress>(heard[0]!, 'staging:progress', jobId);
    const lags = changes.map((change) => {
      // A job settles all its orders before it says finished: figures may come together, never out of order.
      const caughtUp = told.find(
        (event) => event.staged >= change.done && (change.state === 'running' || event.state === change.state),
      );
      return Math.max(0, (caughtUp?.at ?? Infinity) - change.at);
    });
    expect(changes.length).toBeGreaterThan(3);
    expect(Math.max(...lags), JSON.stringify({ changes, told })).toBeLessThan(1_000);
    // Console A hears nothing of its own job from the team.
    expect(of(heard[0]!, 'team:staging-progress', jobId)).toEqual([]);

    expect(await consoles[1]!.value('team:staging-jobs', { environmentId: 'sandbox' })).toEqual([]);
    const row = await withClient(teamUrl, (client) =>
      client.query('SELECT state, staged FROM team_staging_progress WHERE job_id = $1', [jobId]),
    );
    expect(row.rows).toEqual([{ state: 'finished', staged: 20 }]);
    console.log(`team progress lag: max ${Math.round(Math.max(...lags))} ms over ${changes.length} changes`);
  });

  it('refuses to list the jobs of an environment it does not know, saying so', async () => {
    const answer = await consoles[1]!.call('team:staging-jobs', { environmentId: 'nowhere' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_environment' } });
  });
});
