import type { Database } from 'better-sqlite3';
import type { ApiOrder } from '../../../shared/domain';
import { buildDeferredIndexes, deferIndexes } from '../store/deferred-indexes';
import type { CacheDatabase } from '../store/open-database';
import type { RecordOrderOptions } from './order-merge';
import { createOrderWriter } from './order-writer';

/** From this many orders a rebuilding load is written through a rollback journal (see withRollbackJournal). */
export const ROLLBACK_JOURNAL_FROM = 10_000;

export interface BulkOrder {
  api: ApiOrder;
  userId?: string;
  receivedMs?: number;
}

export interface BulkLoadResult {
  created: number;
  updated: number;
  /** Whether the indexes were rebuilt after the rows were written, rather than kept up row by row. */
  rebuilt: boolean;
  /** Time spent writing rows (including producing them from `batch`) and rebuilding indexes. */
  writeMs: number;
  indexMs: number;
}

/**
 * Writes many API answers in one transaction, with the same merge and history rules as
 * recordApiOrder. When the batch is at least as large as the table already is, keeping the full-text
 * index and the secondary indexes up row by row costs several times more than writing the rows and
 * building them once (measured about 4x for the full-text index), so they are dropped and rebuilt: the
 * orders' and their history's, which gains an event for nearly every answer (300,000 answers onto
 * imported orders: the rows 6.7 to 7.3 s, then 6.0 to 7.0 s).
 */
export function bulkLoadOrders(
  cache: CacheDatabase,
  environmentId: string,
  batch: Iterable<BulkOrder>,
  options: Pick<RecordOrderOptions, 'source'> & { expectedCount: number; rollbackJournalFrom?: number },
): BulkLoadResult {
  const { db } = cache;
  const writer = createOrderWriter(db, () => cache.clock.now());
  const existing = (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
  const rebuild = options.expectedCount >= existing;
  const load = db.transaction(() => {
    // Deferred inside the transaction: a failure restores them with everything else.
    if (rebuild) deferIndexes(db, ['orders', 'order_events']);
    const started = performance.now();
    let created = 0;
    let updated = 0;
    for (const item of batch) {
      const result = writer.writeAnswer(
        environmentId,
        item.api,
        { source: options.source, userId: item.userId, receivedMs: item.receivedMs },
        !rebuild,
      );
      if (result.created) created += 1;
      else updated += 1;
    }
    const written = performance.now();
    if (rebuild) buildDeferredIndexes(db);
    const writeMs = written - started;
    return { created, updated, rebuilt: rebuild, writeMs, indexMs: performance.now() - written };
  });
  const large = rebuild && options.expectedCount >= (options.rollbackJournalFrom ?? ROLLBACK_JOURNAL_FROM);
  // IMMEDIATE: each write looks its order up first, and another process may not write between.
  return large ? withRollbackJournal(db, () => load.immediate()) : load.immediate();
}

/**
 * Runs a large load with a rollback journal instead of WAL. In WAL every page is written twice, to the
 * WAL and then by the checkpoint that follows the commit (a million orders: about 1 GB each way, the
 * checkpoint alone about 20 s); a rollback journal writes the file once and journals only the pages
 * that held data before the load (pages past the old end of the file need no copy). It is as durable:
 * synchronous is still FULL, the journal is synced before any page it protects is overwritten, and a
 * crash mid-load leaves a hot journal that the next open rolls back, so everything committed before the
 * load (orders, audit log, staging journal) survives and the load leaves nothing. The mode cannot change
 * inside a transaction or while another connection has the file open: then the load runs in WAL.
 */
export function withRollbackJournal<T>(db: Database, run: () => T): T {
  let switched = false;
  if (!db.inTransaction) {
    try {
      switched = db.pragma('journal_mode = DELETE', { simple: true }) === 'delete';
    } catch {
      switched = false;
    }
  }
  try {
    return run();
  } finally {
    // Cannot fail for want of a lock once the switch above succeeded; openDatabase switches to WAL again anyway.
    if (switched) db.pragma('journal_mode = WAL');
  }
}
