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
import type { CoreError } from './core-error';
import { isCoreError } from './core-error';
import type { CredentialStore } from './environments/credential-store';
import { environmentHandlers } from './environments/environment-handlers';
import { Environments } from './environments/environments';
import { KeyringCredentialStore } from './environments/keyring-store';
import type { Emit } from './events';
import type { Logger } from './log/logger';
import { orderHandlers } from './orders/order-handlers';
import { OrderService } from './orders/order-service';
import { SandboxPrefetch } from './orders/sandbox-prefetch';
import type { Sandbox, SandboxOptions } from './sandbox';
import type { StagingTuning } from './staging/staging-setup';
import { createStaging } from './staging/staging-setup';
import { startSandbox } from './sandbox';

export interface CoreConfig {
  /** Folder for the SQLite file and the settings; created if missing. */
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  emit: Emit;
  /** Where the core logs (redacted, rotating files); nothing is logged without one. */
  logger?: Logger;
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
  /**
   * Fetch the built-in sandbox's demo orders into an empty cache on its first use (default true), so a
   * new user has something to search. Tests that need a quiet data folder turn it off.
   */
  prefetch?: boolean;
  /** Client internals tests may set: fetch, sleep, random, retry and budget settings, time limit. */
  client?: ClientTuning;
  /** Waits between the checks of an unreachable API, for tests (the default grows to a minute). */
  reconnectDelaysMs?: readonly number[];
  /** Bulk staging's limiter, retry and network settings, for tests and the benchmark. */
  staging?: StagingTuning;
}

export interface Core {
  handlers: Handlers;
  /** Resolves when background work (the sandbox's first prefetch) is done: for tests and scripts. */
  idle(): Promise<void>;
  /** What is running that a restart would interrupt (a staging job), in words; empty when nothing is. */
  runningWork(): string[];
  close(): Promise<void>;
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
    ...(config.reconnectDelaysMs ? { reconnectDelaysMs: config.reconnectDelaysMs } : {}),
    onStatus: (id) => {
      if (id === environments.selectedId) status.changed();
    },
  });
  const staging = createStaging({
    cache,
    clientFor: (id) => connections.client(id),
    selectedEnvironment: () => environments.selectedId,
    clock,
    emit: config.emit,
    ...(config.staging ? { tuning: config.staging } : {}),
  });

  const useCache = (): Cache => {
    if (cache instanceof Error) throw cache;
    return cache;
  };
  const orders = new OrderService({ cache: useCache, connections, environments, emit: config.emit, clock });
  const prefetch = new SandboxPrefetch({
    cache: useCache,
    connections,
    environments,
    demoOrders: () => sandbox?.demoOrders() ?? [],
    emit: config.emit,
    clock,
  });
  const prefetching = config.prefetch ?? true;
  environments.onChange(({ what }) => {
    if (what === 'selected' && prefetching) void prefetch.maybeStart();
  });

  const handlers = {
    'app:info': async () => status.info(),
    ...environmentHandlers({
      environments,
      connections,
      status,
      audit: (action, envId, request, failure) => {
        if (cache instanceof Error) return;
        const error = isCoreError(failure) ? failure.appError : failure ? String(failure) : null;
        cache.audit.recordAudit({ envId, action, request, outcome: failure ? 'error' : 'ok', error });
      },
    }),
    ...cacheHandlers(cache, () => environments.selectedId),
    ...orderHandlers(orders),
    ...staging.handlers,
  } satisfies Handlers;
  void connections.probe(environments.selectedId);
  if (prefetching) void prefetch.maybeStart();
  config.logger?.info('core started', { version: config.version, host: config.host, cache: !(cache instanceof Error) });
  return {
    handlers,
    idle: () => prefetch.idle(),
    runningWork: () => (staging.service?.isRunning() ? ['a bulk staging job'] : []),
    close: async () => {
      // The runners and the prefetch write to the database until they stop: they go first.
      await staging.close();
      await prefetch.cancel();
      connections.close();
      if (!(cache instanceof Error)) cache.close();
      await closeSandbox();
      config.logger?.info('core closed');
    },
  };
}
