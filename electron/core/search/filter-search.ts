import type { ParsedSearchQuery } from '../../../shared/contract';
import type { All } from './search-statements';
import { summariesById } from './search-statements';
import { filterCondition, hasWindowRange } from './search-filters';
import type { FoundPage } from './text-search';

type Key = { id: number; w: number | null };

/**
 * Filters alone, nearest window first: a window-ordered index (by store, by status, or all orders, as
 * SQLite's planner finds narrowest) is read in both directions from now and the two merged, so only
 * offset + limit entries are read; each index holds every filter column, so no row is read to filter.
 * Then the page's rows are fetched by id. The count stops at `countCap`.
 */
export function filterSearch(
  all: All,
  environmentId: string,
  query: ParsedSearchQuery,
  now: number,
  countCap: number,
): FoundPage {
  const where = filterCondition(environmentId, { ...query, windowFrom: undefined, windowTo: undefined }, now);
  const k = query.offset + query.limit;
  const from = query.windowFrom === undefined ? -Infinity : Date.parse(query.windowFrom);
  const to = query.windowTo === undefined ? Infinity : Date.parse(query.windowTo);
  // One bound on each side, computed here: given two lower bounds SQLite seeks with one and filters
  // with the other, which read four days of windows for a list of the fifth.
  const scan = (low: number, high: number, order: 'ASC' | 'DESC'): Key[] =>
    low >= high
      ? []
      : all<Key>(
          `SELECT o.id, o.window_start_ms AS w FROM orders o WHERE ${where.sql}
           AND o.window_start_ms >= @low AND o.window_start_ms < @high ORDER BY w ${order} LIMIT @k`,
          {
            ...where.params,
            low: Math.max(low, -Number.MAX_SAFE_INTEGER),
            high: Math.min(high, Number.MAX_SAFE_INTEGER),
            k,
          },
        );
  const keys = [
    ...scan(Math.max(from, now), to, 'ASC'),
    ...scan(from, Math.min(to, now), 'DESC'),
    ...(hasWindowRange(query)
      ? []
      : all<Key>(
          `SELECT o.id, NULL AS w FROM orders o WHERE ${where.sql} AND o.window_start_ms IS NULL ORDER BY o.id DESC LIMIT @k`,
          { ...where.params, k },
        )),
  ];
  const distance = (key: Key) => (key.w === null ? Infinity : Math.abs(key.w - now));
  keys.sort((a, b) => distance(a) - distance(b) || b.id - a.id);
  const counting = filterCondition(environmentId, query, now);
  const counted = all<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM orders o WHERE ${counting.sql} LIMIT ${countCap + 1})`,
    counting.params,
  )[0]!.n;
  return {
    rows: summariesById(
      all,
      keys.slice(query.offset, k).map((key) => key.id),
    ),
    total: Math.min(counted, countCap),
    totalIsCapped: counted > countCap,
  };
}
