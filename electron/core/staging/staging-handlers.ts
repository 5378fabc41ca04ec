import type { Handlers } from '../../ipc/register';
import type { Cache } from '../cache/cache';
import type { CoreError } from '../core-error';
import { fileText } from '../csv/file-text';
import type { CachedOrderBrief } from './staging-preview';
import { previewOrderIds, previewSheet, previewStoreWindow } from './staging-preview';
import { reportCsv } from './staging-report';
import type { StagingService } from './staging-service';

export type StagingChannel = Extract<keyof Handlers, `staging:${string}`>;

interface BriefRow {
  order_id: string;
  status: string;
  bag_label: string | null;
  bags_count: number | null;
  items_count: number | null;
  items_weight: number | null;
}

/** The cached orders of a store whose delivery window starts in [from, to), by window then id. */
function storeWindowOrders(cache: Cache, environmentId: string, store: string, from: string, to: string) {
  const rows = cache.database.db
    .prepare<[string, string, number, number], BriefRow>(
      `SELECT order_id, status, bag_label, bags_count, items_count, items_weight FROM orders
       WHERE environment_id = ? AND store_location = ? AND window_start_ms >= ? AND window_start_ms < ?
       ORDER BY window_start_ms, order_id`,
    )
    .all(environmentId, store, Date.parse(from), Date.parse(to));
  return rows.map((row): CachedOrderBrief => {
    const brief: CachedOrderBrief = { orderId: row.order_id, status: row.status };
    if (row.bag_label !== null) brief.bag_label = row.bag_label;
    if (row.bags_count !== null) brief.bags_count = row.bags_count;
    if (row.items_count !== null) brief.items_count = row.items_count;
    if (row.items_weight !== null) brief.items_weight = row.items_weight;
    return brief;
  });
}

export interface StagingHandlerDeps {
  service: StagingService;
  cache: Cache;
  selectedEnvironment: () => string;
}

/** The staging channels: preview -> start -> progress events -> job view -> retry failed -> report CSV. */
export function stagingHandlers(deps: StagingHandlerDeps): Pick<Handlers, StagingChannel> {
  const { service } = deps;
  return {
    'staging:preview': async ({ source, defaults }) => {
      if (source.kind === 'csv') return previewSheet(source.csv, defaults);
      if (source.kind === 'csv-file') return previewSheet(await fileText(source), defaults);
      if (source.kind === 'orders') return previewOrderIds(source.orderIds, defaults);
      const env = deps.selectedEnvironment();
      return previewStoreWindow(
        storeWindowOrders(deps.cache, env, source.locationCode, source.from, source.to),
        defaults,
      );
    },
    'staging:start': async ({ rows, name }) => service.start({ rows, name, environmentId: deps.selectedEnvironment() }),
    'staging:pause': async ({ jobId }) => service.pause(jobId),
    'staging:resume': ({ jobId }) => service.resume(jobId),
    'staging:cancel': async ({ jobId }) => service.cancel(jobId),
    'staging:retry-failed': ({ jobId }) => service.retryFailed(jobId),
    'staging:job': async ({ jobId }) => service.view(jobId),
    'staging:jobs': async () => service.jobs(),
    'staging:report-csv': async ({ jobId }) => reportCsv(service.view(jobId)),
  };
}

/** Every staging channel answers why the cache (which holds the journal) could not be opened. */
export function unavailableStaging(error: CoreError): Pick<Handlers, StagingChannel> {
  const fail = async (): Promise<never> => {
    throw error;
  };
  return {
    'staging:preview': fail,
    'staging:start': fail,
    'staging:pause': fail,
    'staging:resume': fail,
    'staging:cancel': fail,
    'staging:retry-failed': fail,
    'staging:job': fail,
    'staging:jobs': fail,
    'staging:report-csv': fail,
  };
}
