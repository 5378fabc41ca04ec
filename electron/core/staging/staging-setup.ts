import type { ApiOrder } from '../../../shared/domain';
import type { Handlers, JobProgress } from '../../../shared/contract';
import { channelNames } from '../../../shared/contract';
import type { Cache } from '../cache/cache';
import { noticingDamage } from '../cache/cache-store';
import type { Clock, Sleep } from '../clock';
import { realSleep } from '../clock';
import type { ConnectClient } from '../connect/connect-client';
import { isCoreError } from '../core-error';
import type { Environments } from '../environments/environments';
import type { Emit } from '../events';
import type { Limiters } from '../connect/limiters';
import { connectStageApi } from './connect-stage-api';
import type { OutcomeOptions } from './item-outcomes';
import type { NetworkOptions, StagingRecorder } from './job-runner';
import { StagingJournal } from './journal';
import type { LeaseOptions } from './lease';
import type { StagingChannel } from './staging-handlers';
import { stagingHandlers } from './staging-handlers';
import type { OrderClaims } from './job-claims';
import { StagingService } from './staging-service';

/** Settings tests and the benchmark may change; the console runs with the defaults. */
export interface StagingTuning {
  outcomes?: OutcomeOptions;
  network?: NetworkOptions;
  /** Per request; the client's 15 s unless set. */
  timeoutMs?: number;
  progressEveryMs?: number;
  sleep?: Sleep;
  /** A short lease lets a test see a killed owner's lease expire. */
  lease?: LeaseOptions;
}

export interface StagingDeps {
  /** The cache in use; throws why it cannot be used. */
  cache: () => Cache;
  /** Told of an error from the cache, so damage found by a job marks the store damaged; answers the error to throw. */
  noticed?: (error: unknown) => unknown;
  clientFor: (environmentId: string) => ConnectClient;
  /** Whose requireSelected refuses a call for an environment that is no longer the selected one. */
  environments: Pick<Environments, 'requireSelected' | 'find'>;
  clock: Clock;
  emit: Emit;
  limiters: Limiters;
  tuning?: StagingTuning | undefined;
  /** Hands a job's progress to the team (other consoles watch it); ignored when it works alone. */
  shareProgress?: (progress: JobProgress) => void;
  /** The team's claims on an environment's orders; null when it works alone. */
  claimsFor?: (environmentId: string) => OrderClaims | null;
}

export interface Staging {
  /** The service over the current cache; throws why the cache cannot be used. */
  service(): StagingService;
  handlers: Pick<Handlers, StagingChannel>;
  close(): Promise<void>;
}

/** What the runner records besides its journal: the order in the cache, each settled stage in the audit log. */
export function cacheRecorder(cache: Cache): StagingRecorder {
  return {
    orderSeen(environmentId, order: ApiOrder, from, sent) {
      cache.orders.recordApiOrder(environmentId, order, { source: from, known: sent });
    },
    staged(environmentId, item, outcome) {
      cache.audit.recordAudit({
        envId: environmentId,
        action: 'order.stage',
        orderId: item.orderId,
        request: item.values,
        outcome: outcome === 'ok' ? 'ok' : 'error',
        error: outcome === 'ok' ? null : item.error,
      });
    },
  };
}

const STAGING_CHANNELS = channelNames.filter((name): name is StagingChannel => name.startsWith('staging:'));

/**
 * Bulk staging over the cache's database and the environments' clients. The service is made for the
 * cache in use, so a cache rebuilt from a damaged file gets its own (the old one's runners are stopped).
 */
export function createStaging(deps: StagingDeps): Staging {
  let current: { cache: Cache; service: StagingService; handlers: Pick<Handlers, StagingChannel> } | null = null;
  const retired: StagingService[] = [];
  const serviceFor = () => {
    const cache = deps.cache();
    if (current?.cache !== cache) {
      if (current) retired.push(current.service);
      void current?.service.close();
      const service = newService(cache, deps);
      current = {
        cache,
        service,
        handlers: stagingHandlers({ service, cache, environments: deps.environments }),
      };
    }
    return current;
  };
  // Made now when the cache can be used, so jobs left running by a console that stopped are seen at start.
  try {
    serviceFor();
  } catch (error) {
    // The channels answer why, when called.
    if (!isCoreError(error)) throw error;
  }
  const handlers = Object.fromEntries(
    STAGING_CHANNELS.map((name) => [
      name,
      async (input: never) => (serviceFor().handlers[name] as (value: never) => Promise<unknown>)(input),
    ]),
  ) as unknown as Pick<Handlers, StagingChannel>;
  return {
    service: () => serviceFor().service,
    handlers,
    close: async () => {
      await Promise.all([...retired, ...(current ? [current.service] : [])].map((service) => service.close()));
    },
  };
}

function newService(cache: Cache, deps: StagingDeps): StagingService {
  const { tuning = {}, noticed = (error: unknown) => error } = deps;
  return new StagingService({
    journal: noticingDamage(noticed, new StagingJournal(cache.database.db, deps.clock)),
    recorder: noticingDamage(noticed, cacheRecorder(cache)),
    clock: deps.clock,
    sleep: tuning.sleep ?? realSleep,
    apiFor: (environmentId) => connectStageApi(() => deps.clientFor(environmentId), tuning.timeoutMs),
    onProgress: (progress) => {
      deps.emit('staging:progress', progress);
      deps.shareProgress?.(progress);
    },
    auditJob: (action, job, detail) =>
      cache.audit.recordAudit({
        envId: job.environmentId,
        action,
        orderId: null,
        request: { jobId: job.id, name: job.name, ...(detail && typeof detail === 'object' ? detail : {}) },
        outcome: 'ok',
      }),
    limiters: deps.limiters,
    outcomes: tuning.outcomes,
    network: tuning.network,
    progressEveryMs: tuning.progressEveryMs,
    lease: tuning.lease,
    claimsFor: deps.claimsFor,
  });
}
