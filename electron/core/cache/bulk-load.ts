import type { ApiOrder } from '../../../shared/domain';
import type { CacheDatabase } from './open-database';
import type { RecordOrderOptions } from './order-merge';
import { createOrderWriter } from './order-writer';

export interface BulkOrder {
  api: ApiOrder;
  known?: RecordOrderOptions['known'];
  userId?: string;
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
 * building them once (measured about 4x for the full-text index), so they are dropped and rebuilt.
 */
export function bulkLoadOrders(
  cache: CacheDatabase,
  environmentId: string,
  batch: Iterable<BulkOrder>,
  options: Pick<RecordOrderOptions, 'source'> & { expectedCount: number },
): BulkLoadResult {
  const { db } = cache;
  const writer = createOrderWriter(db, () => cache.clock.now());
  const existing = (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
  const rebuild = options.expectedCount >= existing;
  return db.transaction(() => {
    // Dropped inside the transaction: a failure restores them with everything else.
    const indexes = rebuild
      ? (db
          .prepare(
            `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'orders' AND sql IS NOT NULL`,
          )
          .all() as { name: string; sql: string }[])
      : [];
    for (const index of indexes) db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
    const started = performance.now();
    let created = 0;
    let updated = 0;
    for (const item of batch) {
      const result = writer.write(
        environmentId,
        item.api,
        {
          source: options.source,
          ...(item.known ? { known: item.known } : {}),
          ...(item.userId ? { userId: item.userId } : {}),
        },
        !rebuild,
      );
      if (result.created) created += 1;
      else updated += 1;
    }
    const written = performance.now();
    if (rebuild) {
      writer.rebuildIndex();
      for (const index of indexes) db.exec(index.sql);
      db.exec('PRAGMA analysis_limit = 1000; ANALYZE');
    }
    const writeMs = written - started;
    return { created, updated, rebuilt: rebuild, writeMs, indexMs: performance.now() - written };
  })();
}
