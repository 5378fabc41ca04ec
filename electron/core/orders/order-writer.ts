import type { Database } from 'better-sqlite3';
import type { ApiOrder } from '../../../shared/domain';
import type { OrderChange } from './order-events';
import { HISTORY_COLUMNS, orderChanges } from './order-events';
import type { RecordOrderOptions } from './order-merge';
import {
  ANSWER_FILLED_COLUMNS,
  ANSWER_SET_COLUMNS,
  ANSWER_WINDOW_COLUMNS,
  answerValues,
  mergeOrder,
} from './order-merge';
import type { OrderRow, OrderValues } from '../store/order-row';
import { INDEXED_COLUMNS, ORDER_COLUMNS } from '../store/order-row';
import { createOrderIndex } from '../store/order-index';

export interface WriteResult {
  row: OrderRow;
  created: boolean;
  changes: OrderChange[];
}

/** Each write must run in a transaction begun IMMEDIATE: it looks the order up before writing it. */
export interface OrderWriter {
  /**
   * Upserts one API answer and records its changes as history. With `indexed: false` the full-text
   * index is left behind: the caller has deferred it (store/deferred-indexes.ts).
   */
  write(environmentId: string, api: ApiOrder, options: RecordOrderOptions, indexed: boolean): WriteResult;
  /**
   * The same write for an answer that came with nothing the console sent (a batch's gets), giving the
   * same row and history without reading or writing the columns such an answer cannot change: in a
   * bulk load of a million answers onto imported orders, reading and rewriting whole rows was half the
   * time.
   */
  writeAnswer(
    environmentId: string,
    api: ApiOrder,
    options: Omit<RecordOrderOptions, 'known'>,
    indexed: boolean,
  ): Omit<WriteResult, 'row'>;
}

// Positional rather than named parameters: binding 43 named values cost a third of each insert.
const columnValues = (values: OrderValues) => ORDER_COLUMNS.map((column) => values[column]);

/** What an answer's write reads of the order it changes: enough for its history and its filters. */
const ANSWER_READ = [...new Set([...HISTORY_COLUMNS, 'store_location', 'window_start_ms', 'fetched_ms'] as const)];

type AnsweredRow = Pick<OrderRow, 'id' | (typeof ANSWER_READ)[number]>;
type IndexedRow = AnsweredRow & Pick<OrderRow, (typeof INDEXED_COLUMNS)[number]>;

export function createOrderWriter(db: Database, now: () => number): OrderWriter {
  const selectBy = <Row>(columns: string) =>
    db.prepare<[string, string], Row>(`SELECT ${columns} FROM orders WHERE environment_id = ? AND order_id = ?`);
  const select = selectBy<OrderRow>('*');
  const selectAnswered = selectBy<AnsweredRow>(['id', ...ANSWER_READ].join(', '));
  const selectIndexed = selectBy<IndexedRow>(['id', ...ANSWER_READ, ...INDEXED_COLUMNS].join(', '));
  const insert = db.prepare(
    `INSERT INTO orders (${ORDER_COLUMNS.join(', ')}) VALUES (${ORDER_COLUMNS.map(() => '?').join(', ')})`,
  );
  const update = db.prepare(`UPDATE orders SET ${ORDER_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  const updateAnswer = (window: boolean) =>
    db.prepare(
      `UPDATE orders SET ${[
        ...ANSWER_SET_COLUMNS.map((c) => `${c} = ?`),
        ...ANSWER_FILLED_COLUMNS.map((c) => `${c} = coalesce(?, ${c})`),
        ...(window ? ANSWER_WINDOW_COLUMNS.map((c) => `${c} = ?`) : []),
      ].join(', ')} WHERE id = ?`,
    );
  const updateAnswerWithWindow = updateAnswer(true);
  const updateAnswerKeepingWindow = updateAnswer(false);
  const insertEvent = db.prepare(
    'INSERT INTO order_events (order_ref, at_ms, kind, from_value, to_value, source) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const index = createOrderIndex(db);

  function insertNew(environmentId: string, api: ApiOrder, options: RecordOrderOptions, at: number, indexed: boolean) {
    const fresh = mergeOrder(undefined, environmentId, api, options, at);
    const id = Number(insert.run(columnValues(fresh)).lastInsertRowid);
    if (indexed) index.add(id, fresh);
    // The merged values become the row rather than a copy of them: copying 43 fields cost about
    // 8 µs, a fifth of what a bulk-loaded order costs in all.
    return Object.assign(fresh, { id });
  }

  function record(id: number, at: number, changes: OrderChange[], options: RecordOrderOptions) {
    for (const change of changes) insertEvent.run(id, at, change.kind, change.from, change.to, options.source);
  }

  // A prefetch's get answered before a stage, written after it, must not put the order back to brand_new.
  const stale = (prev: { fetched_ms: OrderRow['fetched_ms'] }, options: RecordOrderOptions) =>
    options.receivedMs !== undefined && Number(prev.fetched_ms) > options.receivedMs;

  return {
    write(environmentId, api, options, indexed) {
      const at = now();
      // Looked up before inserting: most writes are answers about orders the cache holds (a refresh, an
      // import's fetch stage), for which an insert that conflicts built and bound a whole row for nothing
      // (200,000 answers onto imported orders: 9.9 s, then 8.9 s); a lookup that finds nothing costs 2.5 µs.
      // The transaction holds the write lock from its start, so no other process writes the order between.
      const prev = select.get(environmentId, api.id);
      if (prev === undefined)
        return { row: insertNew(environmentId, api, options, at, indexed), created: true, changes: [] };
      if (stale(prev, options)) return { row: prev, created: false, changes: [] };
      const next = mergeOrder(prev, environmentId, api, options, at);
      update.run(...columnValues(next), prev.id);
      // A change of status, store or window re-indexes the order too: the index holds its filters.
      if (indexed) index.change(prev.id, prev, next);
      const changes = orderChanges(prev, next);
      record(prev.id, at, changes, options);
      return { row: Object.assign(next, { id: prev.id }), created: false, changes };
    },

    writeAnswer(environmentId, api, options, indexed) {
      const at = now();
      // The index's text is read only to be given back to it: an answer cannot change it.
      const read = indexed ? selectIndexed : selectAnswered;
      const prev: AnsweredRow | undefined = read.get(environmentId, api.id);
      if (prev === undefined) {
        insertNew(environmentId, api, options, at, indexed);
        return { created: true, changes: [] };
      }
      if (stale(prev, options)) return { created: false, changes: [] };
      const { set, filled, window } = answerValues(api, options.userId, at);
      const next: AnsweredRow = {
        ...prev,
        ...set,
        store_location: filled.store_location ?? prev.store_location,
        api_bag_count: filled.api_bag_count ?? prev.api_bag_count,
        ...window,
      };
      const values = [...ANSWER_SET_COLUMNS.map((c) => set[c]), ...ANSWER_FILLED_COLUMNS.map((c) => filled[c])];
      if (window) updateAnswerWithWindow.run(...values, ...ANSWER_WINDOW_COLUMNS.map((c) => window[c]), prev.id);
      else updateAnswerKeepingWindow.run(...values, prev.id);
      if (indexed) index.change(prev.id, prev as IndexedRow, next as IndexedRow);
      const changes = orderChanges(prev, next);
      record(prev.id, at, changes, options);
      return { created: false, changes };
    },
  };
}
