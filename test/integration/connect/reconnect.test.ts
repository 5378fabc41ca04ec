import { afterAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/core/sandbox';
import { startSandbox } from '../../../electron/core/sandbox';
import type { After } from '../../../electron/core/clock';
import type { AppInfo } from '../../../shared/domain';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';

let sandbox: Sandbox | undefined;
let harness: CoreHarness | undefined;
afterAll(async () => {
  await harness?.close();
  await sandbox?.close();
});

/** Timers that run only when the test moves its clock: what "within 2 s" means is then exact. */
function controlledTimers() {
  let now = 0;
  const due: { at: number; run: () => void }[] = [];
  const after: After = (ms, run) => {
    const entry = { at: now + ms, run };
    due.push(entry);
    return () => {
      const index = due.indexOf(entry);
      if (index >= 0) due.splice(index, 1);
    };
  };
  return {
    after,
    pending: () => due.length,
    advance(ms: number) {
      now += ms;
      for (const entry of due.filter((e) => e.at <= now)) {
        due.splice(due.indexOf(entry), 1);
        entry.run();
      }
    },
  };
}

const statuses = () => harness!.events.filter((e) => e.name === 'app:status').map((e) => e.payload as AppInfo);

describe('the console finds the API again by itself', () => {
  it('goes offline when the sandbox stops, and back online when it answers again, with no call from the user', async () => {
    sandbox = await startSandbox({ orders: 5, seed: 3 });
    const port = Number(new URL(sandbox.url).port);
    harness = await startCoreHarness({
      sandbox,
      prefetch: false,
      reconnectDelaysMs: [200],
      client: { retry: { attempts: 1 } },
    });
    await expect.poll(async () => (await harness!.value<AppInfo>('app:info')).online).toBe(true);

    await sandbox.close();
    const refused = await harness.call('orders:get', {
      environmentId: 'sandbox',
      orderId: 'not-cached',
      refresh: true,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(statuses().at(-1)?.online).toBe(false);
    const wentOffline = statuses().length;

    sandbox = await startSandbox({ port, orders: 5, seed: 3 });
    await expect.poll(() => statuses().at(-1)?.online, { timeout: 10_000 }).toBe(true);
    expect(statuses().length).toBeGreaterThan(wentOffline);
    // The restarted sandbox has answered nothing but the console's own check: a token request.
    expect(sandbox.counters.totals.tokens).toBeGreaterThan(0);
    expect((await harness.value<AppInfo>('app:info')).online).toBe(true);
  });

  it('stops saying online within 2 s of the API no longer answering, then says online when it answers again', async () => {
    await harness?.close();
    await sandbox?.close();
    sandbox = await startSandbox({ orders: 5, seed: 3 });
    const timers = controlledTimers();
    harness = await startCoreHarness({
      sandbox,
      prefetch: false,
      reconnectDelaysMs: [100],
      client: { retry: { attempts: 1 }, timeoutMs: 60_000, after: timers.after },
    });
    await expect.poll(async () => (await harness!.value<AppInfo>('app:info')).online).toBe(true);
    const answeredBefore = statuses().length;

    // The sandbox stops answering: requests are accepted and then nothing comes back.
    sandbox.setFaults({ latencyMs: 600_000 });
    const hanging = harness.call('orders:get', { environmentId: 'sandbox', orderId: 'not-cached', refresh: true });
    await expect.poll(() => timers.pending()).toBeGreaterThan(0);
    timers.advance(1_499);
    expect((await harness.value<AppInfo>('app:info')).online).toBe(true);
    timers.advance(1);
    // 1.5 s of silence by the controlled clock: the header's status has already been sent.
    expect(statuses().length).toBeGreaterThan(answeredBefore);
    expect(statuses().at(-1)?.online).toBe(false);
    expect((await harness.value<AppInfo>('app:info')).online).toBe(false);

    // Answering again: the console's own check finds it, with nothing from the user.
    sandbox.setFaults({ latencyMs: 0 });
    await expect.poll(() => statuses().at(-1)?.online, { timeout: 10_000 }).toBe(true);
    // The hung request's connection is ended with the sandbox; its outcome is not waited for here.
    void hanging;
  });
});
