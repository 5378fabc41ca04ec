import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core, CoreConfig } from '../../../electron/core/create-core';
import { createCore } from '../../../electron/core/create-core';
import { KeyringCredentialStore } from '../../../electron/core/environments/keyring-store';
import { createDispatcher } from '../../../electron/ipc/register';
import type { JobProgress, JobView } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { TEST_KEYCHAIN_SERVICE } from '../../support/core-harness';
import type { StagingSandbox } from '../../support/staging-sandbox';
import { startStagingSandbox } from '../../support/staging-sandbox';
import type { SwitchableProxy } from '../../support/switchable-proxy';
import { startSwitchableProxy } from '../../support/switchable-proxy';
import { tempDir } from '../../support/temp-dir';

interface Console {
  core: Core;
  progress: JobProgress[];
  value<T>(channel: string, input?: unknown): Promise<T>;
}

/** The core on `dataDir` behind the real dispatcher; several may open the same folder in turn. */
async function openConsole(dataDir: string, config: Partial<CoreConfig>): Promise<Console> {
  const progress: JobProgress[] = [];
  const core = await createCore({
    dataDir,
    host: 'browser',
    version: '0.0.0-test',
    credentialStore: new KeyringCredentialStore(TEST_KEYCHAIN_SERVICE),
    emit: (name, payload) => {
      if (name === 'staging:progress') progress.push(payload as JobProgress);
    },
    ...config,
  });
  const dispatch = createDispatcher(core.handlers, { isTrustedSender: () => true });
  return {
    core,
    progress,
    async value<T>(channel: string, input?: unknown) {
      const result = (await dispatch(channel, input, { url: 'app://console/' })) as Result<T>;
      if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
      return result.value;
    },
  };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let env: StagingSandbox;
const dirs: { remove(): void }[] = [];
beforeAll(async () => {
  env = await startStagingSandbox(120, { faults: { latencyMs: 20 } });
});
afterAll(async () => {
  await env.sandbox.close();
  for (const dir of dirs) dir.remove();
});

describe('bulk staging survives a restart and a network loss', () => {
  let open: Console[] = [];
  afterEach(async () => {
    for (const c of open) await c.core.close();
    open = [];
  });

  it('offers a job interrupted by closing the console for resume, and finishes it without staging anything twice', async () => {
    const dir = tempDir('lastmile-staging-');
    dirs.push(dir);
    const orderIds = env.stageable.slice(0, 60);
    const first = await openConsole(dir.path, { sandbox: env.sandbox });
    const job = await first.value<JobView>('staging:start', {
      environmentId: 'sandbox',
      rows: orderIds.map((orderId) => ({ orderId })),
    });
    await until(
      async () =>
        (await first.value<JobView>('staging:job', { environmentId: 'sandbox', jobId: job.jobId })).done >= 10,
      '10 staged',
    );
    await first.core.close();

    const second = await openConsole(dir.path, { sandbox: env.sandbox });
    open.push(second);
    const jobs = await second.value<JobProgress[]>('staging:jobs', { environmentId: 'sandbox' });
    expect(jobs[0]).toMatchObject({ jobId: job.jobId, state: 'paused', error: { code: 'interrupted' } });
    expect(jobs[0]!.remaining).toBeGreaterThan(0);
    await second.value('staging:resume', { environmentId: 'sandbox', jobId: job.jobId });
    await until(
      async () =>
        (await second.value<JobView>('staging:job', { environmentId: 'sandbox', jobId: job.jobId })).state ===
        'finished',
      'the job to finish',
    );
    const view = await second.value<JobView>('staging:job', { environmentId: 'sandbox', jobId: job.jobId });
    expect(view).toMatchObject({ done: 60, failed: 0 });
    expect(env.audit(orderIds)).toEqual({ doubled: [], missing: [] });
  });

  it('waits for the network when it is lost, and goes on by itself when the API answers again', async () => {
    const dir = tempDir('lastmile-staging-');
    dirs.push(dir);
    let proxy: SwitchableProxy | undefined;
    try {
      proxy = await startSwitchableProxy(env.sandbox.url);
      const orderIds = env.stageable.slice(60, 120);
      const app = await openConsole(dir.path, {
        sandbox: { ...env.sandbox, url: proxy.url },
        staging: { network: { failuresToPause: 3, probeFirstMs: 100, probeMaxMs: 300 }, timeoutMs: 2_000 },
      });
      open.push(app);
      const job = await app.value<JobView>('staging:start', {
        environmentId: 'sandbox',
        rows: orderIds.map((orderId) => ({ orderId })),
      });
      await until(() => (app.progress.at(-1)?.done ?? 0) >= 10, '10 staged');
      await proxy.off();
      await until(() => app.progress.some((p) => p.state === 'waiting_for_network'), 'waiting_for_network');
      const waiting = app.progress.find((p) => p.state === 'waiting_for_network')!;
      expect(waiting.error).toMatchObject({ code: 'network' });
      expect(waiting.error?.hint).toMatch(/goes on by itself/);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await proxy.on();
      await until(() => app.progress.at(-1)?.state === 'finished', 'the job to finish');
      const states = app.progress.map((p) => p.state).filter((s, i, all) => s !== all[i - 1]);
      expect(states).toEqual(['running', 'waiting_for_network', 'running', 'finished']);
      const view = await app.value<JobView>('staging:job', { environmentId: 'sandbox', jobId: job.jobId });
      expect(view).toMatchObject({ done: 60, failed: 0 });
      expect(env.audit(orderIds)).toEqual({ doubled: [], missing: [] });
    } finally {
      await proxy?.close();
    }
  });
});
