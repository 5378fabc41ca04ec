import { join } from 'node:path';
import { openCache } from '../../electron/core/cache/cache';
import type { DemoOrder, Sandbox, SandboxOptions } from '../../electron/core/sandbox';
import { demoOrderAt, startSandbox } from '../../electron/core/sandbox';
import { loadSandboxOrders } from '../bench/sandbox-orders';
import type { BrowserConsoleOptions } from '../../electron/browser-console';
import type { TestConsole } from '../support/browser-console';
import { startTestConsole } from '../support/browser-console';
import { tempDir } from '../support/temp-dir';

export interface ConsoleWithOrders {
  running: TestConsole;
  sandbox: Sandbox;
  /** The sandbox's demo order number `index`, as the sandbox serves it. */
  demo(index: number): DemoOrder;
  close(): Promise<void>;
}

/**
 * The whole console with a sandbox this test controls (so it can be stopped), and a cache that has
 * already seen the sandbox's demo orders, as after a day of use: the shop's export imported, and
 * Instacart asked about each order.
 */
export async function startConsoleWithOrders(
  count = 2000,
  seed = 3,
  sandboxOptions: SandboxOptions = {},
  consoleOptions: Partial<BrowserConsoleOptions> = {},
): Promise<ConsoleWithOrders> {
  const sandbox = await startSandbox({ ...sandboxOptions, orders: count, seed });
  const data = tempDir('lastmile-e2e-');
  const cache = openCache(join(data.path, 'lastmile.db'));
  try {
    await loadSandboxOrders(cache, 'sandbox', { count, seed, now: sandbox.clock.now() }, sandbox.url);
  } finally {
    cache.close();
  }
  const running = await startTestConsole({ ...consoleOptions, dataDir: data.path, sandbox });
  const config = { count, seed, now: sandbox.clock.now() };
  return {
    running,
    sandbox,
    demo: (index) => demoOrderAt(config, index),
    async close() {
      await running.close();
      await sandbox.close().catch(() => undefined);
      data.remove();
    },
  };
}
