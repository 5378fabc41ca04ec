import { afterAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/core/sandbox';
import { startSandbox } from '../../../electron/core/sandbox';
import type { AppInfo } from '../../../shared/domain';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';

let sandbox: Sandbox | undefined;
let harness: CoreHarness | undefined;
afterAll(async () => {
  await harness?.close();
  await sandbox?.close();
});

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
});
