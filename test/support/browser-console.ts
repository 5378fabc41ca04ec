import { rendererDist } from '../../electron/launch/paths';
import type { BrowserConsole, BrowserConsoleOptions } from '../../electron/browser-console';
import { startBrowserConsole } from '../../electron/browser-console';
import { logLeaks } from './log-scan';
import { tempDir } from './temp-dir';

export interface TestConsole extends BrowserConsole {
  dataDir: string;
  /** Calls a channel as the renderer would, with the token. */
  call(channel: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: Record<string, unknown> }>;
}

/**
 * The whole console on a fresh data folder, served by the browser host on a free loopback port. Its
 * built-in sandbox holds 300 demo orders rather than 3000, so the first-use prefetch stays cheap.
 * `options` may give it, for example, a sandbox the test controls or a data folder to reopen.
 */
export async function startTestConsole(options: Partial<BrowserConsoleOptions> = {}): Promise<TestConsole> {
  const dir = tempDir('lastmile-console-');
  const running = await startBrowserConsole({
    dataDir: dir.path,
    version: '0.0.0-test',
    staticDir: rendererDist,
    sandboxOptions: { orders: 300 },
    ...options,
  });
  return {
    ...running,
    dataDir: options.dataDir ?? dir.path,
    async call(channel, input) {
      const response = await fetch(`${running.host.url}api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-lastmile-token': running.host.token },
        body: JSON.stringify({ input }),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: Record<string, unknown> };
    },
    async close() {
      await running.close();
      const leaks = logLeaks(options.dataDir ?? dir.path);
      dir.remove();
      if (leaks.length) throw new Error(`The console's log holds what it must not: ${leaks.join('; ')}`);
    },
  };
}
