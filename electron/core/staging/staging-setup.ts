import type { ApiOrder } from '../../../shared/domain';
import type { Handlers } from '../../../shared/contract';
import type { Cache } from '../cache/cache';
import type { Clock, Sleep } from '../clock';
import { realSleep } from '../clock';
import type { ConnectClient } from '../connect/connect-client';
import type { CoreError } from '../core-error';
import type { Environments } from '../environments/environments';
import type { Emit } from '../events';
import type { LimiterOptions } from './adaptive-limiter';
import { connectStageApi } from './connect-stage-api';
import type { OutcomeOptions } from './item-outcomes';
import type { NetworkOptions, StagingRecorder } from './job-runner';
import { StagingJournal } from './journal';
import type { LeaseOptions } from './lease';
import type { StagingChannel } from './staging-handlers';
import { stagingHandlers, unavailableStaging } from './staging-handlers';
import { StagingService } from './staging-service';

/** Settings tests and the benchmark may change; the console runs with the defaults. */
export interface StagingTuning {
  limiter?: LimiterOptions;
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
  cache: Cache | CoreError;
  clientFor: (environmentId: string) => ConnectClient;
  /** Whose requireSelected refuses a call for an environment that is no longer the selected one. */
  environments: Pick<Environments, 'requireSelected' | 'find'>;
  clock: Clock;
  emit: Emit;
  tuning?: StagingTuning;
}

export interface Staging {
  /** Or why the cache file could not be opened (the channels then say so too). */
  service: StagingService | CoreError;
  handlers: Pick<Handlers, StagingChannel>;
  close(): Promise<void>;
}

/** What the runner records besides its journal: the order in the cache, each settled stage in the audit log. */
export function cacheRecorder(cache: Cache): StagingRecorder {
  return {
    orderSeen(environmentId, order: ApiOrder, from, sent) {
      cache.orders.recordApiOrder(environmentId, order, { source: from, ...(sent ? { known: sent } : {}) });
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

/** Bulk staging over the cache's database and the environments' clients. */
export function createStaging(deps: StagingDeps): Staging {
  const { cache, tuning = {} } = deps;
  if (cache instanceof Error) {
    return { service: cache, handlers: unavailableStaging(cache), close: async () => {} };
  }
  const service = new StagingService({
    journal: new StagingJournal(cache.database.db, deps.clock),
    recorder: cacheRecorder(cache),
    clock: deps.clock,
    sleep: tuning.sleep ?? realSleep,
    apiFor: (environmentId) => connectStageApi(() => deps.clientFor(environmentId), tuning.timeoutMs),
    onProgress: (progress) => deps.emit('staging:progress', progress),
    auditJob: (action, job, detail) =>
      cache.audit.recordAudit({
        envId: job.environmentId,
        action,
        orderId: null,
        request: { jobId: job.id, name: job.name, ...(detail && typeof detail === 'object' ? detail : {}) },
        outcome: 'ok',
      }),
    ...(tuning.limiter ? { limiter: tuning.limiter } : {}),
    ...(tuning.outcomes ? { outcomes: tuning.outcomes } : {}),
    ...(tuning.network ? { network: tuning.network } : {}),
    ...(tuning.progressEveryMs !== undefined ? { progressEveryMs: tuning.progressEveryMs } : {}),
    ...(tuning.lease ? { lease: tuning.lease } : {}),
  });
  return {
    service,
    handlers: stagingHandlers({ service, cache, environments: deps.environments }),
    close: () => service.close(),
  };
}
