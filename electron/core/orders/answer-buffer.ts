import type { OrderSource } from '../../../shared/contract';
import type { BulkOrder } from './bulk-load';
import { bulkLoadOrders } from './bulk-load';
import type { OrdersCache } from './orders-cache';

/** Answers written per transaction: each commit is flushed to disk (synchronous=FULL), one per order is too slow. */
const BATCH = 200;

/**
 * Collects the API answers of a batch (refresh, import, prefetch) and writes them through the cache a
 * few hundred per transaction, with the same merge and history rules as a single write.
 */
export class AnswerBuffer {
  private items: BulkOrder[] = [];

  constructor(
    private readonly cache: OrdersCache,
    private readonly environmentId: string,
    private readonly source: OrderSource,
  ) {}

  add(item: BulkOrder): void {
    this.items.push({ ...item, receivedMs: this.cache.database.clock.now() });
    if (this.items.length >= BATCH) this.flush();
  }

  flush(): void {
    if (this.items.length === 0) return;
    const batch = this.items;
    this.items = [];
    bulkLoadOrders(this.cache.database, this.environmentId, batch, {
      source: this.source,
      expectedCount: batch.length,
    });
  }
}
