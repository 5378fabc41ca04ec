import type { Database } from 'better-sqlite3';
import type { FilterTermValues } from './filter-terms';
import { filterTerms } from './filter-terms';
import type { OrderValues, SqlValue } from './order-row';
import { INDEXED_COLUMNS } from './order-row';

/** The columns of the full-text index, in the order of its definition (migration 0020). */
export const FTS_COLUMNS = [...INDEXED_COLUMNS, 'filter_terms'] as const;

/** What the full-text index reads of an order: its searched text and the words of its filters. */
export type IndexedValues = Pick<OrderValues, (typeof INDEXED_COLUMNS)[number] | keyof FilterTermValues>;

export function indexValues(values: IndexedValues): SqlValue[] {
  return [...INDEXED_COLUMNS.map((column) => values[column]), filterTerms(values)];
}

export interface OrderIndex {
  add(id: number, values: IndexedValues): void;
  /**
   * Indexes the order anew when anything the index reads of it changed (its text, store, status or
   * window's day); answers whether it did. `before` must be what the index holds: the row as it was.
   */
  change(id: number, before: IndexedValues, after: IndexedValues): boolean;
}

/**
 * Every writer of `orders` keeps the full-text index up through this, in the transaction of its
 * write. The index reads its content from `orders_indexed`, so a removal must give the old values.
 */
export function createOrderIndex(db: Database): OrderIndex {
  const columns = FTS_COLUMNS.join(', ');
  const marks = FTS_COLUMNS.map(() => '?').join(', ');
  const indexRow = db.prepare(`INSERT INTO orders_fts (rowid, ${columns}) VALUES (?, ${marks})`);
  const unindexRow = db.prepare(
    `INSERT INTO orders_fts (orders_fts, rowid, ${columns}) VALUES ('delete', ?, ${marks})`,
  );
  return {
    add(id, values) {
      indexRow.run(id, ...indexValues(values));
    },
    change(id, before, after) {
      const old = indexValues(before);
      const next = indexValues(after);
      if (old.every((value, i) => value === next[i])) return false;
      unindexRow.run(id, ...old);
      indexRow.run(id, ...next);
      return true;
    },
  };
}
