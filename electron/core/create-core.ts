import { join } from 'node:path';
import type { AppInfo } from '../../shared/domain';
import type { Handlers } from '../ipc/register';
import { AppStatus } from './app-status';
import { cacheHandlers } from './cache/cache-handlers';
import { CacheStore, noticeDamage } from './cache/cache-store';
import type { Clock } from './clock';
import { systemClock } from './clock';
import type { ClientTuning } from './connect/connections';
import { Connections } from './connect/connections';
import { isCoreError } from './core-error';
import type { CredentialStore } from './environments/credential-store';
import { environmentHandlers } from './environments/environment-handlers';
import { Environments } from './environments/environments';
import { KeyringCredentialStore } from './environments/keyring-store';
import type { Emit } from './events';
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
  close(): Promise<void>;
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
  // When the cache cannot be used the console still starts, and says why wherever the cache is needed.
  const store = new CacheStore(join(config.dataDir, 'lastmile.db'), clock);
  const status = new AppStatus({
    environments,
    connections: () => connections,
    cacheProblem: () => store.problem(),
    clock,
    emit: config.emit,
    name: 'Last Mile Console',
    version: config.version,
    host: config.host,
  });
  const connections: Connections = new Connections({
    environments,
    clock,
    ...(config.client ? { tuning: config.client } : {}),
    ...(config.reconnectDelaysMs ? { reconnectDelaysMs: config.reconnectDelaysMs } : {}),
    onStatus: (id) => {
      if (id === environments.selectedId) status.changed();
    },
  });
  const cache = () => store.use();
  const staging = createStaging({
    cache,
    noticed: (error) => store.noticed(error),
    clientFor: (id) => connections.client(id),
    selectedEnvironment: () => environments.selectedId,
    clock,
    emit: config.emit,
    ...(config.staging ? { tuning: config.staging } : {}),
  });

  const orders = new OrderService({ cache, connections, environments, emit: config.emit, clock });
  const prefetch = new SandboxPrefetch({
    cache,
    connections,
    environments,
    demoOrders: () => sandbox?.demoOrders() ?? [],
    emit: config.emit,
    clock,
  });
  const prefetching = config.prefetch ?? true;
  store.onChange(() => status.changed());
  environments.onChange(({ what }) => {
    if (what === 'selected' && prefetching) void prefetch.maybeStart();
  });

  const handlers = noticeDamage(store, {
    'app:info': async () => status.info(),
    ...environmentHandlers({
      environments,
      connections,
      status,
      audit: (action, envId, request, failure) => {
        const error = isCoreError(failure) ? failure.appError : failure ? String(failure) : null;
        try {
          cache().audit.recordAudit({ envId, action, request, outcome: failure ? 'error' : 'ok', error });
        } catch (unusable) {
          // Environments live in their own file and stay usable (the screens show the cache's problem):
          // an entry that cannot be kept must not turn a saved change into a reported failure.
          if (!isCoreError(unusable)) throw unusable;
        }
      },
    }),
    ...cacheHandlers(store, () => environments.selectedId),
    ...orderHandlers(orders),
    ...staging.handlers,
  } satisfies Handlers);
  void connections.probe(environments.selectedId);
  if (prefetching) void prefetch.maybeStart();
  return {
    handlers,
    idle: () => prefetch.idle(),
    close: async () => {
      // The runners and the prefetch write to the database until they stop: they go first.
      await staging.close();
      await prefetch.cancel();
      connections.close();
      store.close();
      await closeSandbox();
    },
  };
}
