import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../electron/launch/paths';
import type { JobView } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import type { StagingSandbox } from '../../support/staging-sandbox';
import { startStagingSandbox } from '../../support/staging-sandbox';
import { tempDir } from '../../support/temp-dir';
import { bundleStageCli, runStageCli } from './stage-cli';

const work = tempDir('lastmile-cli-history-');
let cli: string;
let env: StagingSandbox;
let harness: CoreHarness;

beforeAll(async () => {
  cli = await bundleStageCli(work.path);
  env = await startStagingSandbox(10, { faults: { latencyMs: 5 } });
  harness = await startCoreHarness({ sandbox: env.sandbox, prefetch: false });
});
afterAll(async () => {
  await harness.close();
  await env.sandbox.close();
  work.remove();
});

async function settled(jobId: string): Promise<JobView> {
  for (;;) {
    const view = await harness.value<JobView>('staging:job', { environmentId: 'sandbox', jobId });
    if (view.state !== 'running' && view.state !== 'waiting_for_network') return view;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a finished job from the command line', () => {
  it('prints its report, and retries only the failures a retry can fix, naming the ones it left', async () => {
    const stageable = env.stageable.slice(0, 3);
    const delivery = env.notDispatch[0]!;
    // Every stage meets a long 2003 wait and fails, for now; the delivery order before Instacart could refuse it.
    const rows = [delivery, ...stageable].map((orderId) => ({ orderId }));
    env.sandbox.setFaults({ wait2003: 1, wait2003Seconds: 600 });
    let job: JobView;
    try {
      job = await harness.value<JobView>('staging:start', { environmentId: 'sandbox', rows, name: 'Shelf' });
      job = await settled(job.jobId);
    } finally {
      env.sandbox.setFaults({ wait2003: 0 });
    }
    expect(job).toMatchObject({ state: 'finished', done: 0, failed: 4 });

    const common = ['--data-dir', harness.dataDir];
    const childEnv = { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') };
    const { stdout } = await promisify(execFile)(process.execPath, [cli, '--report', job.jobId, ...common], {
      env: childEnv,
    });
    const report = await harness.value<{ csv: string }>('staging:report-csv', {
      environmentId: 'sandbox',
      jobId: job.jobId,
    });
    expect(stdout).toBe(report.csv);

    // The delivery order met the 2003 too (sent before Instacart could refuse it): it is retried once,
    // fails for good, and a second retry leaves it, saying why.
    const retry = runStageCli(cli, ['--retry-failed', job.jobId, '--sandbox-url', env.sandbox.url, ...common]);
    const ended = await retry.exited;
    expect(ended.stderr).toBe('');
    expect(retry.events.find((e) => e.event === 'retry')).toMatchObject({ retried: 4, left: [] });
    expect(ended.code).toBe(2);
    const after = await settled(job.jobId);
    expect(after).toMatchObject({ state: 'finished', done: 3, failed: 1 });
    expect(env.audit(stageable)).toEqual({ doubled: [], missing: [] });

    const again = runStageCli(cli, ['--retry-failed', job.jobId, '--sandbox-url', env.sandbox.url, ...common]);
    const refused = await again.exited;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/None of the 1 failed order can be staged by sending it again/);
    expect(refused.stderr).toContain('would not stage order');
  });
});
