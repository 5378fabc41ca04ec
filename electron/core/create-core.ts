import { join } from 'node:path';
import type { AppInfo } from '../../shared/domain';
import type { Handlers } from '../../shared/contract';
import { AppStatus } from './app-status';
import type { Cache } from './cache/cache';
import { AgentName } from './audit/agent-name';
import { auditHandlers } from './audit/audit-handlers';
import { cacheHandlers } from './cache/cache-handlers';
import { CacheStore, noticeDamage } from './cache/cache-store';
import type { Clock } from './clock';
import { realSleep, systemClock } from './clock';
import type { LimiterOptions } from './connect/adaptive-limiter';
import { Limiters } from './connect/limiters';
import type { ClientTuning } from './environments/connections';
import { Connections } from './environments/connections';
import type { CoreError } from './core-error';
import { isCoreError } from './core-error';
import type { CredentialStore } from './environments/credential-store';
import { environmentHandlers } from './environments/environment-handlers';
import type { SandboxAccess } from './environments/environments';
import { Environments } from './environments/environments';
import { KeyringCredentialStore } from './environments/keyring-store';
import { labelHandlers } from './labels/label-handlers';
import type { Emit } from './events';
import type { ChooseFolder } from './folder-dialog';
import { folderDialogHandler } from './folder-dialog';
import type { Logger } from './log/logger';
import { orderHandlers } from './orders/order-handlers';
import { OrderService } from './orders/order-service';
import { SandboxPrefetch } from './orders/sandbox-prefetch';
import { searchHandlers } from './search/search-handlers';
import type { Sandbox, SandboxOptions } from './sandbox';
import { DEMO_CREDENTIALS, SANDBOX_TIME_ZONES, startSandbox } from './sandbox';
import type { StagingService } from './staging/staging-service';
import { sandboxFirstImport } from './shop-import/sandbox-first-import';
import type { ImportTuning } from './shop-import/shop-import-setup';
import { createShopImports } from './shop-import/shop-import-setup';
import type { StagingTuning } from './staging/staging-setup';
import { createStaging } from './staging/staging-setup';
import type { LiveStatusTuning } from './watch/live-status';
import { LiveStatus } from './watch/live-status';
import { watchHandlers } from './watch/watch-handlers';
import { teamHandlers } from './team/team-handlers';
import { TeamService } from './team/team-service';
import type { TeamTuning } from './team/team-sync';

export interface CoreConfig {
  /** The desktop app's folder dialog, for the watched folder; the browser host has none. */
  chooseFolder?: ChooseFolder;
  /** Folder for the SQLite file and the settings; created if missing. */
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  emit: Emit;
  /** Where the core logs (redacted, rotating files); nothing is logged without one. */
  logger?: Logger;
  clock?: Clock;
  /** Who the audit log names when no agent name is set; the OS user unless given (tests name one). */
  computerUser?: string;
  /** The OS keychain unless given (tests of one unit may isolate it). */
  credentialStore?: CredentialStore;
  /**
   * The built-in Sandbox environment's server: started here, in-process on a free loopback port, unless
   * one already running is given, or `false` runs the console without it.
   */
  sandbox?: Sandbox | false;
  /** A sandbox running in another process (`npm run sandbox`) to use as the built-in one, instead of `sandbox`. */
  sandboxUrl?: string;
  /** For the sandbox started here. */
  sandboxOptions?: SandboxOptions;
  /**
   * Import the built-in sandbox's shop export into an empty cache on its first use (default true), so a
   * new user has something to search (or, when the sandbox serves no export, get its demo orders).
   * Tests that need a quiet data folder turn it off.
   */
  prefetch?: boolean;
  /**
   * The work a console does on its own once started (the sandbox prefetch, the first check of the
   * selected environment's connection); default true. A command-line run does only what it is asked.
   */
  background?: boolean;
  /** Client internals tests may set: fetch, sleep, random, retry and budget settings, time limit. */
  client?: ClientTuning;
  /** Waits between the checks of an unreachable API, for tests (the default grows to a minute). */
  reconnectDelaysMs?: readonly number[];
  /**
   * The environments' rate limiters (one each, shared by staging jobs, imports and the watcher): their
   * settings, for tests and the benchmark.
   */
  limiter?: LimiterOptions;
  /** Bulk staging's retry and network settings, for tests and the benchmark. */
  staging?: StagingTuning | undefined;
  /** The shop-export import's sleep and progress settings, for tests. */
  imports?: ImportTuning;
  /** The watcher's sleep and intervals, for tests (it runs with the background work). */
  watch?: LiveStatusTuning;
  /** Team mode's polling, pull and reconnect timing, for tests and the benchmark. */
  team?: TeamTuning;
}

/** The services a host other than the renderer drives directly (the command line). */
export interface CoreServices {
  environments: Environments;
  /** The staging service over the cache in use; throws why the cache (which holds the journal) cannot be used. */
  staging: () => StagingService;
  /** Given what a write to the cache threw, answers what to throw instead (a damaged file is noticed). */
  noticed: (error: unknown) => unknown;
  /** The built-in sandbox's server when this core started it (it stops with the core). */
  ownSandbox: Sandbox | null;
  /** The watcher and attention list; null when the cache could not be opened. */
  live: LiveStatus | null;
  /** Each environment's team database and its sync. */
  team: TeamService;
}

export interface Core {
  handlers: Handlers;
  services: CoreServices;
  /** Resolves when background work (the sandbox's first import, imports under way) is done: for tests and scripts. */
  idle(): Promise<void>;
  /** What is running that a restart would interrupt (a staging job), in words; empty when nothing is. */
  runningWork(): string[];
  close(): Promise<void>;
}

/** The cache as it is now, or why it cannot be used: for a service built once, at start. */
function cacheOrError(store: CacheStore): Cache | CoreError {
  try {
    return store.use();
  } catch (error) {
    if (isCoreError(error)) return error;
    throw error;
  }
}

/** The one composition root: the console, the browser host and the command line all build the core here. */
export async function createCore(config: CoreConfig): Promise<Core> {
  const starts = config.sandbox === undefined && config.sandboxUrl === undefined;
  const ownSandbox = starts ? await startSandbox(config.sandboxOptions) : null;
  try {
    const sandbox = config.sandbox === false || config.sandbox === undefined ? ownSandbox : config.sandbox;
    return await buildCore(config, sandbox, ownSandbox);
  } catch (error) {
    await ownSandbox?.close();
    throw error;
  }
}

function sandboxAccess(config: CoreConfig, sandbox: Sandbox | null): SandboxAccess | null {
  const timeZones = SANDBOX_TIME_ZONES;
  if (config.sandboxUrl !== undefined) {
    return { baseUrl: config.sandboxUrl.replace(/\/+$/, ''), ...DEMO_CREDENTIALS, timeZones };
  }
  // The sandbox's demo credentials are public: they need no keychain.
  return sandbox && { baseUrl: sandbox.url, ...sandbox.credentials, timeZones };
}

async function buildCore(config: CoreConfig, sandbox: Sandbox | null, ownSandbox: Sandbox | null): Promise<Core> {
  const clock = config.clock ?? systemClock;
  const credentials = config.credentialStore ?? new KeyringCredentialStore();
  const environments = await Environments.open({
    dataDir: config.dataDir,
    store: credentials,
    clock,
    sandbox: sandboxAccess(config, sandbox),
  });
  const agent = await AgentName.open(config.dataDir, config.computerUser);
  // When the cache cannot be used the console still starts, and says why wherever the cache is needed.
  const store = new CacheStore(join(config.dataDir, 'lastmile.db'), clock, {
    who: () => agent.name(),
    environmentName: (id) => {
      try {
        return environments.find(id).name;
      } catch {
        return null;
      }
    },
  });
  const cache = () => store.use();
  const connections = new Connections({
    environments,
    clock,
    tuning: config.client,
    reconnectDelaysMs: config.reconnectDelaysMs,
  });
  const status = new AppStatus({
    environments,
    connections,
    cacheProblem: () => store.problem(),
    clock,
    emit: config.emit,
    name: 'Last Mile Console',
    version: config.version,
    host: config.host,
  });
  const limiters = new Limiters(clock, realSleep, config.limiter);
  const staging = createStaging({
    limiters,
    cache,
    noticed: (error) => store.noticed(error),
    clientFor: (id) => connections.client(id),
    environments,
    clock,
    emit: config.emit,
    tuning: config.staging,
    // Asked only when a job starts, by which time the team service below is open.
    claimsFor: (id) => team.claimsFor(id, () => agent.name()),
    // Like claimsFor, called only while a job runs, after the team service below is open.
    shareProgress: (progress) => team.publish(progress),
  });

  const orders = new OrderService({
    cache,
    connections,
    emit: config.emit,
    clock,
    zoneOf: (env, store) => environments.zoneOf(env, store),
    limiters,
  });
  const prefetch = new SandboxPrefetch({
    cache,
    connections,
    environments,
    demoOrders: () => sandbox?.demoOrders() ?? [],
    emit: config.emit,
    clock,
  });
  const background = config.background ?? true;
  const prefetching = background && (config.prefetch ?? true);
  store.onChange(() => status.changed());
  // The imports and the watcher work on the cache as it was opened; a cache rebuilt later is used after a restart.
  const opened = cacheOrError(store);
  const imports = createShopImports({
    limiters,
    cache: opened,
    dataDir: config.dataDir,
    environments,
    clientFor: (id) => connections.client(id),
    clock,
    emit: config.emit,
    tuning: config.imports,
  });
  let firstRunFailure: unknown;
  // Never rejects, and close() waits for it: a resume still sweeping the uploads folder must not outlive the core.
  const resumed = (background ? (imports.service?.resumeUnfinished() ?? Promise.resolve()) : Promise.resolve()).catch(
    (error: unknown) => {
      firstRunFailure = error;
    },
  );
  // A folder that cannot be watched now is rescanned by its watcher; starting never fails the core.
  const watching = background ? imports.startWatching().catch(() => undefined) : Promise.resolve();
  let firstRun: Promise<void> = resumed;
  const startFirstRun = () => {
    const service = imports.service;
    if (!service) return;
    // Never rejects: it runs in the background; idle() reports a failure to tests.
    firstRun = firstRun
      .then(() =>
        sandboxFirstImport({
          cache,
          environments,
          service,
          uploads: imports.uploads,
          fetch: globalThis.fetch,
          sandboxUrl: sandbox?.url ?? null,
          fallback: async () => {
            await prefetch.maybeStart();
            await prefetch.idle();
          },
        }),
      )
      .catch((error: unknown) => {
        firstRunFailure = error;
      });
  };
  environments.onChange(({ what }) => {
    if (what === 'selected' && prefetching) startFirstRun();
  });
  const team = await TeamService.open({
    dataDir: config.dataDir,
    store: credentials,
    environments,
    cache,
    clock,
    applied: (environmentId, count) => config.emit('team:changed', { environmentId, count }),
    consoleName: () => agent.name(),
    heard: (progress) => config.emit('team:staging-progress', progress),
    listening: (environmentId) => config.emit('team:listening', { environmentId }),
    tuning: config.team,
  });
  const recordAudit = (action: string, envId: string, request: unknown, failure: unknown) => {
    const error = isCoreError(failure) ? failure.appError : failure ? String(failure) : null;
    try {
      cache().audit.recordAudit({ envId, action, request, outcome: failure ? 'error' : 'ok', error });
    } catch (unusable) {
      // Environments live in their own file and stay usable (the screens show the cache's problem):
      // an entry that cannot be kept must not turn a saved change into a reported failure.
      if (!isCoreError(unusable)) throw unusable;
    }
  };
  const userFirst = imports.userFirst;
  const live =
    opened instanceof Error
      ? null
      : new LiveStatus({
          cache: opened,
          clock,
          sleep: config.watch?.sleep ?? realSleep,
          emit: config.emit,
          limiters,
          selected: () => environments.selectedId,
          online: (id) => connections.status(id).online,
          userIdle: () => userFirst.idle(),
          refresh: (id, orderId) => orders.get(id, { orderId, refresh: true }),
          idleMs: config.watch?.idleMs,
          noticeEveryMs: config.watch?.noticeEveryMs,
        });
  const liveStatus = () => {
    if (!live) throw opened;
    return live;
  };
  connections.onStatus(() => live?.watcher.wake());
  const ordersChannels = orderHandlers(orders, (id) => environments.requireSelected(id));

  const handlers = noticeDamage(store, {
    'app:info': async () => status.info(),
    ...folderDialogHandler(config.chooseFolder),
    ...environmentHandlers({
      environments,
      connections,
      info: () => status.info(),
      audit: recordAudit,
    }),
    ...teamHandlers(team, recordAudit),
    ...cacheHandlers(store),
    ...searchHandlers(
      () => store.use(),
      (id) => environments.requireSelected(id),
      (id, storeCode) => environments.zoneOf(id, storeCode),
    ),
    ...auditHandlers(() => store.use(), agent),
    ...ordersChannels,
    // A user's own request goes before an import's gets.
    'orders:get': (input) => userFirst.around(() => ordersChannels['orders:get'](input)),
    'orders:update': (input) => userFirst.around(() => ordersChannels['orders:update'](input)),
    ...staging.handlers,
    ...labelHandlers({ cache, environments }),
    ...imports.handlers,
    ...watchHandlers(liveStatus, (id) => environments.requireSelected(id)),
  } satisfies Handlers);
  if (background) void connections.probe(environments.selectedId);
  if (prefetching) startFirstRun();
  if (background) live?.start();
  config.logger?.info('core started', { version: config.version, host: config.host, cache: store.problem() === null });
  return {
    handlers,
    services: {
      environments,
      staging: staging.service,
      noticed: (error) => store.noticed(error),
      ownSandbox,
      live,
      team,
    },
    idle: async () => {
      await firstRun;
      if (firstRunFailure !== undefined) throw firstRunFailure;
      await prefetch.idle();
      await imports.service?.idle();
    },
    runningWork: () => {
      const work: string[] = [];
      try {
        if (staging.service().isRunning()) work.push('a bulk staging job');
      } catch {
        // No usable cache: no job can be running.
      }
      if (imports.service?.isRunning()) work.push('an import of the shop export');
      return work;
    },
    close: async () => {
      // The runners, the imports and the prefetch write to the database until they stop: they go first.
      await live?.close();
      await staging.close();
      await resumed;
      await watching;
      await imports.close();
      await prefetch.cancel();
      // Before the cache closes: the sync writes what the team sent into it.
      await team.close();
      connections.close();
      store.close();
      await ownSandbox?.close();
      config.logger?.info('core closed');
    },
  };
}
