import type { ChannelParsed } from '../../../shared/contract';
import type { All } from './search-statements';
import { summariesById } from './search-statements';
import { filterCondition, hasWindowRange } from './search-filters';
import type { FoundPage } from './text-search';

/**
 * Filters alone, nearest window first: a window-ordered index (by store, by status, or all orders, as
 * SQLite's planner finds narrowest) is read in both directions from now and the two merged, so only
 * offset + limit entries are read; each index holds every filter column, so no row is read to filter.
 * Then the page's rows are fetched by id. The count stops at `countCap`.
 */
export function filterSearch(
  all: All,
  environmentId: string,
  query: ChannelParsed<'orders:search'>,
  now: number,
  countCap: number,
): FoundPage {
  const where = filterCondition(environmentId, query, now);
  const k = query.offset + query.limit;
  const params = { ...where.params, now, k };
  type Key = { id: number; w: number | null };
  const from = `FROM orders o WHERE ${where.sql}`;
  const keys = [
    ...all<Key>(
      `SELECT o.id, o.window_start_ms AS w ${from} AND o.window_start_ms >= @now ORDER BY w LIMIT @k`,
      params,
    ),
    ...all<Key>(
      `SELECT o.id, o.window_start_ms AS w ${from} AND o.window_start_ms < @now ORDER BY w DESC LIMIT @k`,
      params,
    ),
    ...(hasWindowRange(query)
      ? []
      : all<Key>(`SELECT o.id, NULL AS w ${from} AND o.window_start_ms IS NULL ORDER BY o.id DESC LIMIT @k`, params)),
  ];
  const distance = (key: Key) => (key.w === null ? Infinity : Math.abs(key.w - now));
  keys.sort((a, b) => distance(a) - distance(b) || b.id - a.id);
  const counted = all<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM orders o WHERE ${where.sql} LIMIT ${countCap + 1})`,
    where.params,
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
