import type { ParsedSearchQuery } from '../../../shared/contract';
import type { All, Each } from './search-statements';
import { summariesById } from './search-statements';
import { filterCondition, hasWindowRange } from './search-filters';
import type { FoundPage } from './text-search';

/** Orders sharing a distance from now: one window, or two mirrored about now; null: no window. */
interface Slot {
  windows: number[] | null;
  count: number;
}

/**
 * Filters alone, nearest window first, the newest cached first within a window. Orders share few
 * windows (a store's slots: a million demo orders have 72), so the page is found by counting rather
 * than reading: each side's windows are counted from now outward in a window-ordered index (by store,
 * by status, or all orders, as SQLite's planner finds narrowest; each holds every filter column) and
 * merged by distance until the page's end, then only the windows the page falls in are read, each
 * sorted by id. The end of 100,000 orders read 200,000 keys into JavaScript before (250 ms at a
 * million); now SQLite counts them. The count stops at `countCap`.
 */
export function filterSearch(
  queries: { all: All; each: Each },
  environmentId: string,
  query: ParsedSearchQuery,
  now: number,
  countCap: number,
): FoundPage {
  const { all } = queries;
  const where = filterCondition(environmentId, { ...query, windowFrom: undefined, windowTo: undefined }, now);
  const end = query.offset + query.limit;
  const ids: number[] = [];
  let seen = 0;
  for (const slot of slotsNearestFirst(queries.each, where, query, now)) {
    const skip = Math.max(0, query.offset - seen);
    const take = Math.min(slot.count, end - seen) - skip;
    if (take > 0) {
      const params = { ...where.params, take, skip };
      const windows = slot.windows;
      const inSlot =
        windows === null
          ? 'o.window_start_ms IS NULL'
          : `o.window_start_ms IN (${windows.map((_, i) => `@w${i}`).join(', ')})`;
      windows?.forEach((w, i) => Object.assign(params, { [`w${i}`]: w }));
      const found = all<{ id: number }>(
        `SELECT o.id FROM orders o WHERE ${where.sql} AND ${inSlot} ORDER BY o.id DESC LIMIT @take OFFSET @skip`,
        params,
      );
      for (const row of found) ids.push(row.id);
    }
    seen += slot.count;
    if (seen >= end) break;
  }
  const counting = filterCondition(environmentId, query, now);
  const counted = all<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM orders o WHERE ${counting.sql} LIMIT ${countCap + 1})`,
    counting.params,
  )[0]!.n;
  return {
    rows: summariesById(all, ids),
    total: Math.min(counted, countCap),
    totalIsCapped: counted > countCap,
  };
}

/**
 * The filters' orders as slots by distance from now: windows at or after now ascending merged with
 * those before it descending, read one window at a time, then the orders with no window (unless a
 * window range is asked for). A consumer that stops early stops the reading.
 */
function* slotsNearestFirst(
  each: Each,
  where: ReturnType<typeof filterCondition>,
  query: ParsedSearchQuery,
  now: number,
): Generator<Slot> {
  const from = query.windowFrom === undefined ? -Infinity : Date.parse(query.windowFrom);
  const to = query.windowTo === undefined ? Infinity : Date.parse(query.windowTo);
  // One bound on each side, computed here: given two lower bounds SQLite seeks with one and filters
  // with the other, which read four days of windows for a list of the fifth.
  const windows = (low: number, high: number, order: 'ASC' | 'DESC'): IterableIterator<{ w: number; n: number }> =>
    low >= high
      ? [][Symbol.iterator]()
      : each(
          `SELECT o.window_start_ms AS w, count(*) AS n FROM orders o WHERE ${where.sql}
           AND o.window_start_ms >= @low AND o.window_start_ms < @high
           GROUP BY o.window_start_ms ORDER BY o.window_start_ms ${order}`,
          {
            ...where.params,
            low: Math.max(low, -Number.MAX_SAFE_INTEGER),
            high: Math.min(high, Number.MAX_SAFE_INTEGER),
          },
        );
  const after = windows(Math.max(from, now), to, 'ASC');
  const before = windows(from, Math.min(to, now), 'DESC');
  try {
    let next = after.next();
    let last = before.next();
    while (!next.done || !last.done) {
      const ahead = next.done ? Infinity : next.value.w - now;
      const behind = last.done ? Infinity : now - last.value.w;
      if (ahead === behind && !next.done && !last.done) {
        yield { windows: [next.value.w, last.value.w], count: next.value.n + last.value.n };
        next = after.next();
        last = before.next();
      } else if (ahead < behind && !next.done) {
        yield { windows: [next.value.w], count: next.value.n };
        next = after.next();
      } else if (!last.done) {
        yield { windows: [last.value.w], count: last.value.n };
        last = before.next();
      }
    }
  } finally {
    after.return?.();
    before.return?.();
  }
  if (hasWindowRange(query)) return;
  const none = each<{ n: number }>(
    `SELECT count(*) AS n FROM orders o WHERE ${where.sql} AND o.window_start_ms IS NULL`,
    where.params,
  );
  const count = [...none][0]?.n ?? 0;
  if (count > 0) yield { windows: null, count };
}
