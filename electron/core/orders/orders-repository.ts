import type { OrderEvent, OrderRecord, OrderSource } from '../../../shared/contract';
import type { ApiOrder } from '../../../shared/domain';
import { CoreError } from '../core-error';
import type { CacheDatabase } from '../store/open-database';
import type { RecordOrderOptions } from './order-merge';
import type { OrderRow } from '../store/order-row';
import { toRecord } from '../store/order-row';
import { createOrderWriter } from './order-writer';

/** An order as the cache holds it: the record and its history, oldest first. */
export interface CachedOrder {
  order: OrderRecord;
  events: OrderEvent[];
}

export interface OrdersRepository {
  /**
   * Write-through for every API answer that carries an order: upserts it and records a change of
   * status, window, tip or bags in its history. Returns the order as now cached, and whether it is new.
   */
  recordApiOrder(environmentId: string, api: ApiOrder, options: RecordOrderOptions): CachedOrder & { created: boolean };
  getOrder(environmentId: string, orderId: string): CachedOrder | null;
  /** The store location codes of the environment's cached orders, sorted. */
  stores(environmentId: string): string[];
}

interface EventRow {
  at_ms: number;
  kind: Exclude<OrderEvent['kind'], 'created'>;
  field: string | null;
  from_value: string | null;
  to_value: string | null;
  source: OrderSource;
}

function checkApiOrder(api: ApiOrder): void {
  if (typeof api?.id !== 'string' || api.id === '' || typeof api.status !== 'string') {
    throw new CoreError({
      code: 'invalid_order',
      message: 'An API answer without an order id or status cannot be cached.',
      hint: 'This is a bug in the console: report the request that produced it.',
    });
  }
}

export function createOrdersRepository(cache: CacheDatabase): OrdersRepository {
  const { db } = cache;
  const writer = createOrderWriter(db, () => cache.clock.now());
  const selectOrder = db.prepare<[string, string], OrderRow>(
    'SELECT * FROM orders WHERE environment_id = ? AND order_id = ?',
  );
  const selectEvents = db.prepare<[number], EventRow>(
    'SELECT at_ms, kind, field, from_value, to_value, source FROM order_events WHERE order_ref = ? ORDER BY id',
  );
  // A skip scan over the store index: one seek per store instead of reading every order.
  const selectStores = db.prepare<{ env: string }, { store: string }>(`
    WITH RECURSIVE stores (store) AS (
      SELECT min(store_location) FROM orders WHERE environment_id = @env
      UNION ALL
      SELECT (SELECT min(store_location) FROM orders WHERE environment_id = @env AND store_location > stores.store)
      FROM stores WHERE stores.store IS NOT NULL
    )
    SELECT store FROM stores WHERE store IS NOT NULL`);

  function cached(row: OrderRow): CachedOrder {
    const changes = selectEvents.all(row.id);
    const firstStatus = changes.find((e) => e.kind === 'status')?.from_value ?? String(row.status);
    const created: OrderEvent = {
      at: new Date(Number(row.first_seen_ms)).toISOString(),
      kind: 'created',
      from: null,
      to: firstStatus,
      source: row.first_source as OrderSource,
    };
    return {
      order: toRecord(row),
      events: [
        created,
        ...changes.map((e) => ({
          at: new Date(e.at_ms).toISOString(),
          kind: e.kind,
          ...(e.field !== null ? { field: e.field } : {}),
          from: e.from_value,
          to: e.to_value,
          source: e.source,
        })),
      ],
    };
  }

  const record = db.transaction((environmentId: string, api: ApiOrder, options: RecordOrderOptions) => {
    const result = writer.write(environmentId, api, options, true);
    return { ...cached(result.row), created: result.created };
  });

  return {
    recordApiOrder(environmentId, api, options) {
      checkApiOrder(api);
      // IMMEDIATE: the write looks the order up first, and another process may not write between.
      return record.immediate(environmentId, api, options);
    },
    getOrder(environmentId, orderId) {
      const row = selectOrder.get(environmentId, orderId);
      return row ? cached(row) : null;
    },
    stores(environmentId) {
      return selectStores.all({ env: environmentId }).map((row) => row.store);
    },
  };
}
