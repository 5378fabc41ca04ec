import { join } from 'node:path';
import type { BrowserHost } from './browser-host';
import { startBrowserHost } from './browser-host';
import type { Core, CoreConfig } from './core/create-core';
import { createCore } from './core/create-core';
import { createFileLogger } from './core/log/logger';
import { createDispatcher, logBugs } from './ipc/register';

export interface BrowserConsole {
  core: Core;
  host: BrowserHost;
  close(): Promise<void>;
}

export type BrowserConsoleOptions = Omit<CoreConfig, 'host' | 'emit'> & {
  staticDir: string;
  port?: number;
  token?: string;
};

/** The whole console without Electron: the core, the one dispatcher, and the loopback host. */
export async function startBrowserConsole(options: BrowserConsoleOptions): Promise<BrowserConsole> {
  const { staticDir, port, token, ...coreConfig } = options;
  let host: BrowserHost | undefined;
  const logger = coreConfig.logger ?? createFileLogger({ dir: join(coreConfig.dataDir, 'logs') });
  const core = await createCore({
    ...coreConfig,
    logger,
    host: 'browser',
    emit: (name, payload) => host?.broadcast(name, payload),
  });
  const dispatch = createDispatcher(core.handlers, {
    // The host has already checked Host, Origin and the token; the sender is the host's own page.
    isTrustedSender: (sender) => host !== undefined && sender.url.endsWith(`:${host.port}/`),
    reportBug: logBugs(logger),
    logger,
  });
  try {
    host = await startBrowserHost({
      dispatch,
      staticDir,
      port,
      token,
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  const started = host;
  return {
    core,
    host: started,
    async close() {
      await started.close();
      await core.close();
    },
  };
}
