import type {
  AuditChange,
  BatchSummary,
  CsvFile,
  ChannelParsed,
  OrderDetail,
  OrderSource,
} from '../../../shared/contract';
import type { ApiOrder, ServiceOption, ServiceOptionHold } from '../../../shared/domain';
import type { OrdersCache } from './orders-cache';
import { parseOrderIdCsv } from '../csv/csv-import';
import { fileText } from '../csv/file-text';
import type { KnownOrderFields } from './order-merge';
import type { Clock } from '../clock';
import type { ConnectClient } from '../connect/connect-client';
import { isConnectError } from '../connect/connect-error';
import type { PermitOutcome } from '../connect/adaptive-limiter';
import type { Limiters } from '../connect/limiters';
import type { Connections } from '../environments/connections';
import { newOrderId } from '../../../shared/order-id';
import { isCoreError } from '../core-error';
import type { Emit } from '../events';
import { AnswerBuffer } from './answer-buffer';
import { updateAuditParts } from './audit-changes';
import { progressReporter } from './progress';
import { runBatch } from './run-batch';

export interface OrderServiceDeps {
  /** The cache; throws the CoreError saying why it cannot be used. */
  cache: () => OrdersCache;
  connections: Connections;
  emit: Emit;
  clock: Clock;
  /** Orders fetched at once by refresh and import. */
  concurrency?: number;
  /** A store's zone in an environment: the audit log writes windows as the store reads them. */
  zoneOf?: (env: string, store: string | null | undefined) => string;
  /**
   * The environments' shared limiters: a refresh or import of many orders takes a permit per get, so it
   * keeps to the rate staging jobs, imports and the watcher have found. Without them it is not paced.
   */
  limiters?: Limiters;
}

function permitOutcome(error: unknown): PermitOutcome {
  if (!isConnectError(error)) return 'failed';
  if (error.kind === 'rate_limited') return 'rate_limited';
  return error.kind === 'api_busy' || error.kind === 'server_error' ? 'busy' : 'failed';
}

const DEFAULT_CONCURRENCY = 4;

/**
 * The order actions that call the API, each in the environment it is given (the handlers check it is
 * the selected one). Every answer carrying an order goes through the cache's
 * write-through, so search and offline views see what the API said last; every change the user makes
 * is written to the audit log, with its outcome.
 */
export class OrderService {
  constructor(private readonly deps: OrderServiceDeps) {}

  /** Cache first; from the API when asked to refresh or not cached; the cached copy when the API fails. */
  async get(
    env: string,
    { orderId, userId, refresh }: Omit<ChannelParsed<'orders:get'>, 'environmentId'>,
  ): Promise<OrderDetail> {
    const cached = this.deps.cache().orders.getOrder(env, orderId);
    if (cached && !refresh) return { ...cached, fromCache: true };
    try {
      const owner = userId ?? cached?.order.userId ?? undefined;
      const api = await this.client(env).getOrder(orderId, owner);
      return this.keep(env, api, 'get', { userId: owner });
    } catch (error) {
      if (!cached || !isCoreError(error)) throw error;
      return { ...cached, fromCache: true, refreshError: error.appError };
    }
  }

  /** Gets many orders again, a few at a time, reporting progress; one order's failure does not stop the rest. */
  async refresh(env: string, orderIds: string[]): Promise<BatchSummary> {
    const client = this.client(env);
    const cache = this.deps.cache();
    const buffer = new AnswerBuffer(cache, env, 'refresh');
    const summary = await runBatch({
      items: orderIds.map((orderId, index) => ({ line: index + 1, orderId })),
      concurrency: this.deps.concurrency ?? DEFAULT_CONCURRENCY,
      onProgress: progressReporter(this.deps.emit, this.deps.clock, 'refresh', orderIds.length),
      run: async ({ orderId }) => {
        const owner = cache.orders.getOrder(env, orderId)?.order.userId ?? undefined;
        const api = await this.paced(env, () => client.getOrder(orderId, owner));
        buffer.add({ api, userId: owner });
      },
    });
    buffer.flush();
    return summary;
  }

  async create(
    env: string,
    { userId, order, async }: Omit<ChannelParsed<'orders:create'>, 'environmentId'>,
  ): Promise<OrderDetail> {
    // Chosen here rather than in the client, so the audit log names the order even if the create fails.
    const request = { ...order, order_id: order.order_id?.trim() || newOrderId() };
    const entry = { action: 'order.create', request: { userId, async, order: request } };
    return this.audited(env, [entry], request.order_id, async () => {
      const outcome = await this.client(env).createOrder(userId, request, { async });
      return this.keep(env, outcome.order, 'create', { userId, known: request });
    });
  }

  async update(
    env: string,
    { orderId, changes, note }: Omit<ChannelParsed<'orders:update'>, 'environmentId'>,
  ): Promise<OrderDetail> {
    const before = this.deps.cache().orders.getOrder(env, orderId)?.order ?? null;
    const zone = this.deps.zoneOf?.(env, before?.storeLocation ?? before?.locationCode) ?? 'UTC';
    const parts = updateAuditParts(changes, before, zone).map((part) => ({
      ...part,
      request: { orderId, changes: part.request },
      note,
    }));
    return this.audited(env, parts, orderId, async () => {
      const api = await this.client(env).updateOrder(orderId, changes);
      return this.keep(env, api, 'update', { userId: before?.userId ?? undefined, known: changes });
    });
  }

  async cancel(
    env: string,
    { orderId, reason, note }: Omit<ChannelParsed<'orders:cancel'>, 'environmentId'>,
  ): Promise<OrderDetail> {
    const before = this.deps.cache().orders.getOrder(env, orderId)?.order;
    const owner = before?.userId ?? undefined;
    const entry = {
      action: 'order.cancel',
      request: { orderId, reason },
      changes: [{ field: 'status', from: before?.status ?? null, to: 'canceled' }],
      note,
    };
    return this.audited(env, [entry], orderId, async () => {
      const api = await this.client(env).cancelOrder(orderId, { userId: owner, reason });
      return this.keep(env, api, 'cancel', { userId: owner });
    });
  }

  serviceOptions(
    env: string,
    { userId, locationCode, address }: Omit<ChannelParsed<'orders:service-options'>, 'environmentId'>,
  ): Promise<ServiceOption[]> {
    return this.client(env).listServiceOptions(userId, {
      location_code: locationCode,
      address,
    });
  }

  async hold(env: string, input: Omit<ChannelParsed<'orders:hold'>, 'environmentId'>): Promise<ServiceOptionHold> {
    return this.audited(env, [{ action: 'order.hold', request: input }], null, () =>
      this.client(env).holdServiceOption(input.userId, input.serviceOptionId, { location_code: input.locationCode }),
    );
  }

  /** Fetches every order id of a CSV file into the cache; unreadable lines and failed gets are reported by line. */
  async importCsv(env: string, input: { csv: string } | { file: CsvFile }): Promise<BatchSummary> {
    const parsed = await parseOrderIdCsv('file' in input ? await fileText(input.file) : input.csv);
    const client = this.client(env);
    const cache = this.deps.cache();
    const buffer = new AnswerBuffer(cache, env, 'import');
    const summary = await runBatch({
      items: parsed.rows,
      earlierErrors: parsed.errors,
      concurrency: this.deps.concurrency ?? DEFAULT_CONCURRENCY,
      onProgress: progressReporter(this.deps.emit, this.deps.clock, 'import', parsed.rows.length),
      run: async (row) => {
        const owner = row.userId ?? cache.orders.getOrder(env, row.orderId)?.order.userId ?? undefined;
        const api = await this.paced(env, () => client.getOrder(row.orderId, owner));
        buffer.add({ api, userId: owner });
      },
    });
    buffer.flush();
    const failedLines = summary.total - summary.succeeded;
    cache.audit.recordAudit({
      envId: env,
      action: 'orders.import',
      orderId: null,
      // The ids are in the cache now; the log keeps how many, not a copy of the file.
      request: { lines: summary.total, orderIds: parsed.rows.length },
      outcome: failedLines ? 'error' : 'ok',
      error: failedLines ? `${failedLines} of ${summary.total} lines failed.` : null,
    });
    return summary;
  }

  /** One get of a batch under the environment's shared limiter, telling it how the answer went. */
  private async paced<T>(env: string, get: () => Promise<T>): Promise<T> {
    const limiter = this.deps.limiters?.for(env);
    if (!limiter) return get();
    const permit = await limiter.acquire();
    try {
      const answer = await get();
      permit.release('ok');
      return answer;
    } catch (error) {
      permit.release(permitOutcome(error));
      throw error;
    }
  }

  private client(env: string): ConnectClient {
    return this.deps.connections.client(env);
  }

  private keep(
    env: string,
    api: ApiOrder,
    source: OrderSource,
    options: { userId?: string | undefined; known?: KnownOrderFields },
  ): OrderDetail {
    const { order, events } = this.deps.cache().orders.recordApiOrder(env, api, { source, ...options });
    return { order, events, fromCache: false };
  }

  /** Runs one request and writes its entries (one per action it carries) with its outcome. */
  private async audited<T>(
    env: string,
    entries: { action: string; request: unknown; changes?: AuditChange[]; note?: string | undefined }[],
    orderId: string | null,
    run: () => Promise<T>,
  ): Promise<T> {
    const audit = this.deps.cache().audit;
    try {
      const result = await run();
      for (const entry of entries) audit.recordAudit({ envId: env, ...entry, orderId, outcome: 'ok' });
      return result;
    } catch (error) {
      const appError = isCoreError(error) ? error.appError : { code: 'internal', message: String(error) };
      for (const entry of entries) {
        audit.recordAudit({ envId: env, ...entry, orderId, outcome: 'error', error: appError });
      }
      throw error;
    }
  }
}
