import type { Handlers, ScanLookup } from '../../../shared/contract';
import type { Cache } from '../cache/cache';
import { CoreError } from '../core-error';
import type { Environments } from '../environments/environments';
import { fileText } from '../csv/file-text';
import type { CachedOrderBrief, KnownOrders } from './staging-preview';
import {
  knownProblem,
  leaveOutKnown,
  previewOrderIds,
  previewScanned,
  previewSheet,
  previewStoreWindow,
} from './staging-preview';
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

/** The cached status of each order of `orderIds` the cache has, in batches the statement limit allows. */
function cachedStatuses(cache: Cache, environmentId: string, orderIds: readonly string[]): Map<string, string> {
  const statuses = new Map<string, string>();
  for (let at = 0; at < orderIds.length; at += 500) {
    const batch = orderIds.slice(at, at + 500);
    const rows = cache.database.db
      .prepare<string[], { order_id: string; status: string }>(
        `SELECT order_id, status FROM orders WHERE environment_id = ? AND order_id IN (${batch.map(() => '?').join(', ')})`,
      )
      .all(environmentId, ...batch);
    for (const row of rows) statuses.set(row.order_id, row.status);
  }
  return statuses;
}

interface ScanRow {
  order_id: string;
  status: string;
  bags_count: number | null;
  api_bag_count: number | null;
}

/** A scanned code as the cache knows it: an order id first, else a bag label (the newest order wearing it). */
function lookUpScan(cache: Cache, environmentId: string, code: string, known: KnownOrders): ScanLookup {
  const columns = 'order_id, status, bags_count, api_bag_count FROM orders WHERE environment_id = ?';
  const db = cache.database.db;
  const row =
    db.prepare<[string, string], ScanRow>(`SELECT ${columns} AND order_id = ?`).get(environmentId, code) ??
    db
      .prepare<[string, string], ScanRow>(`SELECT ${columns} AND bag_label = ? ORDER BY first_seen_ms DESC LIMIT 1`)
      .get(environmentId, code);
  if (!row) return { code, orderId: null, status: null, bagsExpected: null, problem: null };
  const statuses = new Map([[row.order_id, row.status]]);
  return {
    code,
    orderId: row.order_id,
    status: row.status,
    bagsExpected: row.bags_count ?? row.api_bag_count,
    problem: knownProblem(row.order_id, { ...known, statuses }),
  };
}

export interface StagingHandlerDeps {
  service: StagingService;
  cache: Cache;
  /** Refuses a call whose environment is no longer the selected one, and names environments. */
  environments: Pick<Environments, 'requireSelected' | 'find'>;
}

function nameOf(environments: StagingHandlerDeps['environments'], id: string): string {
  try {
    return environments.find(id).name;
  } catch {
    return 'an environment that has since been removed';
  }
}

/** The staging channels: preview -> start -> progress events -> job view -> retry failed -> report CSV. */
export function stagingHandlers(deps: StagingHandlerDeps): Pick<Handlers, StagingChannel> {
  const { service, environments } = deps;
  const env = (environmentId: string) => environments.requireSelected(environmentId).id;
  /** A job is only acted on from a screen of its own environment, and only while that is the selected one. */
  const job = (environmentId: string, jobId: string): string => {
    const selected = environments.requireSelected(environmentId);
    const own = service.environmentOf(jobId);
    if (own !== selected.id) {
      throw new CoreError({
        code: 'job_in_other_environment',
        key: 'jobId',
        message: `This staging job belongs to ${nameOf(environments, own)}, not ${selected.name}.`,
        hint: `Switch to ${nameOf(environments, own)} to see or change it.`,
      });
    }
    return jobId;
  };
  return {
    'staging:preview': async ({ environmentId, source, defaults }) => {
      const id = env(environmentId);
      if (source.kind === 'store-window') {
        return previewStoreWindow(
          storeWindowOrders(deps.cache, id, source.locationCode, source.from, source.to),
          defaults,
        );
      }
      const preview =
        source.kind === 'csv'
          ? await previewSheet(source.csv, defaults)
          : source.kind === 'csv-file'
            ? await previewSheet(await fileText(source), defaults)
            : source.kind === 'orders'
              ? previewOrderIds(source.orderIds, defaults)
              : previewScanned(source.orders, defaults);
      const statuses = cachedStatuses(
        deps.cache,
        id,
        preview.rows.map((row) => row.orderId),
      );
      return leaveOutKnown(preview, { statuses, refused: service.refusedOrders(id) });
    },
    'staging:scan-lookup': async ({ environmentId, code }) => {
      const id = env(environmentId);
      return lookUpScan(deps.cache, id, code, { statuses: new Map(), refused: service.refusedOrders(id) });
    },
    'staging:remove-job': async ({ environmentId, jobId }) => {
      service.remove(job(environmentId, jobId));
      return { removed: true };
    },
    'staging:start': async ({ environmentId, rows, name }) =>
      service.start({ rows, name, environmentId: env(environmentId) }),
    'staging:pause': async ({ environmentId, jobId }) => service.pause(job(environmentId, jobId)),
    'staging:resume': ({ environmentId, jobId }) => service.resume(job(environmentId, jobId)),
    'staging:cancel': async ({ environmentId, jobId }) => service.cancel(job(environmentId, jobId)),
    'staging:retry-failed': ({ environmentId, jobId }) => service.retryFailed(job(environmentId, jobId)),
    'staging:job': async ({ environmentId, jobId }) => service.view(job(environmentId, jobId)),
    'staging:jobs': async ({ environmentId, running }) => {
      const id = env(environmentId);
      return service.jobs(running === true).filter((progress) => progress.environmentId === id);
    },
    'staging:report-csv': async ({ environmentId, jobId }) => reportCsv(service.view(job(environmentId, jobId))),
  };
}
