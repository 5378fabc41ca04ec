import type { ChannelName } from '../../shared/contract';
import { join } from 'node:path';
import type { AppInfo } from '../../shared/domain';
import type { Handlers } from '../ipc/register';
import { AppStatus } from './app-status';
import type { Cache } from './cache/cache';
import { openCache } from './cache/cache';
import { cacheHandlers } from './cache/cache-handlers';
import type { Clock } from './clock';
import { systemClock } from './clock';
import type { ClientTuning } from './connect/connections';
import { Connections } from './connect/connections';
import { CoreError, isCoreError } from './core-error';
import type { CredentialStore } from './environments/credential-store';
import { environmentHandlers } from './environments/environment-handlers';
import { Environments } from './environments/environments';
import { KeyringCredentialStore } from './environments/keyring-store';
import type { Emit } from './events';
import type { Sandbox, SandboxOptions } from './sandbox';
import { startSandbox } from './sandbox';

export interface CoreConfig {
  /** Folder for the SQLite file and the settings; created if missing. */
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  emit: Emit;
  clock?: Clock;
  /** The OS keychain unless given (tests of one unit may isolate it). */
  credentialStore?: CredentialStore;
  /**
   * The built-in Sandbox environment's server: started here, in-process on a free loopback port, unless
   * one already running is given, or `false` runs the console without it.
   */
  sandbox?: Sandbox | false;
  /** For the sandbox started here. */
  sandboxOptions?: SandboxOptions;
  /** Client internals tests may set: fetch, sleep, random, retry and budget settings, time limit. */
  client?: ClientTuning;
}

export interface Core {
  handlers: Handlers;
  close(): Promise<void>;
}

function notBuiltYet(channel: ChannelName) {
  return async (): Promise<never> => {
    throw new CoreError({
      code: 'not_available',
      message: `${channel} is not available in this build.`,
    });
  };
}

/** The cache, or why it could not be opened: the console still starts and says so where it is needed. */
function openCacheOrError(dataDir: string, clock: Clock): Cache | CoreError {
  try {
    return openCache(join(dataDir, 'lastmile.db'), { clock });
  } catch (error) {
    if (isCoreError(error)) return error;
    throw error;
  }
}

export async function createCore(config: CoreConfig): Promise<Core> {
  const ownSandbox = config.sandbox === undefined ? await startSandbox(config.sandboxOptions) : null;
  try {
    return await buildCore(config, config.sandbox === false ? null : (config.sandbox ?? ownSandbox), async () => {
      await ownSandbox?.close();
    });
  } catch (error) {
    await ownSandbox?.close();
    throw error;
  }
}

async function buildCore(
  config: CoreConfig,
  sandbox: Sandbox | null,
  closeSandbox: () => Promise<void>,
): Promise<Core> {
  const clock = config.clock ?? systemClock;
  const environments = await Environments.open({
    dataDir: config.dataDir,
    store: config.credentialStore ?? new KeyringCredentialStore(),
    clock,
    // The sandbox's demo credentials are public: they need no keychain.
    sandbox: sandbox && { baseUrl: sandbox.url, ...sandbox.credentials },
  });
  const status = new AppStatus({
    environments,
    connections: () => connections,
    clock,
    emit: config.emit,
    name: 'Last Mile Console',
    version: config.version,
    host: config.host,
  });
  const cache = openCacheOrError(config.dataDir, clock);
  const connections: Connections = new Connections({
    environments,
    clock,
    ...(config.client ? { tuning: config.client } : {}),
    onStatus: (id) => {
      if (id === environments.selectedId) status.changed();
    },
  });

  const handlers = {
    'app:info': async () => status.info(),
    ...environmentHandlers({ environments, connections, status }),
    ...cacheHandlers(cache, () => environments.selectedId),
  } as Partial<Handlers>;
  const { channelNames } = await import('../../shared/contract');
  for (const name of channelNames) {
    if (!handlers[name]) (handlers as Record<string, unknown>)[name] = notBuiltYet(name);
  }
  void connections.probe(environments.selectedId);
  return {
    handlers: handlers as Handlers,
    close: async () => {
      if (!(cache instanceof Error)) cache.close();
      await closeSandbox();
    },
  };
}
