import type { ParsedSearchQuery, SearchResult } from '../../../shared/contract';
import { filterSearch } from './filter-search';
import type { CacheDatabase } from '../store/open-database';
import type { SqlValue, SummaryRow } from '../store/order-row';
import { SUMMARY_SQL, toSummary } from '../store/order-row';
import type { SearchFilterValues } from './search-filters';
import { filterCondition } from './search-filters';
import { preparedAll, preparedEach } from './search-statements';
import { parseSearchText } from '../store/search-text';
import { textSearch } from './text-search';

/** A text search ranks at most this many candidates (see text-search.ts); the total is then a lower bound. */
export const TEXT_MATCH_CAP = 500;
/**
 * A search that is one word of one or two letters ranks at most this many: it is what every search
 * starts as, now that each keystroke searches, and it matches a good part of the cache; the next key
 * narrows it. Measured: ranking candidates is most of a search's cost (500 took 7 to 10 ms).
 */
export const SHORT_PREFIX_CAP = 200;
/** Filters alone may list many more (a store's whole week): counted up to this many. */
export const FILTER_COUNT_CAP = 100_000;

export interface OrderSearch {
  search(environmentId: string, query: ParsedSearchQuery): SearchResult;
  /** Every match of the filters (not only a window of them), by delivery window: for export. */
  eachMatch(environmentId: string, filters: SearchFilterValues): IterableIterator<SummaryRow>;
}

export interface SearchLimits {
  textMatchCap: number;
  filterCountCap: number;
  /** At most textMatchCap; SHORT_PREFIX_CAP unless given. */
  shortPrefixCap?: number;
}

const summaryColumns = SUMMARY_SQL.split(',')
  .map((column) => `o.${column.trim()}`)
  .join(', ');

export function createOrderSearch(
  cache: CacheDatabase,
  { textMatchCap, filterCountCap, shortPrefixCap = SHORT_PREFIX_CAP }: SearchLimits = {
    textMatchCap: TEXT_MATCH_CAP,
    filterCountCap: FILTER_COUNT_CAP,
  },
): OrderSearch {
  const caps = { cap: textMatchCap, shortCap: Math.min(shortPrefixCap, textMatchCap) };
  const all = preparedAll(cache.db);
  const each = preparedEach(cache.db);
  return {
    search(environmentId, query) {
      const started = performance.now();
      const now = cache.clock.now();
      const found =
        query.text.trim() === ''
          ? filterSearch({ all, each }, environmentId, query, now, filterCountCap)
          : textSearch(all, environmentId, query, now, caps);
      return {
        rows: found.rows.map(toSummary),
        offset: query.offset,
        total: found.total,
        totalIsCapped: found.totalIsCapped,
        tookMs: Math.round((performance.now() - started) * 100) / 100,
      };
    },
    eachMatch(environmentId, filters) {
      const now = cache.clock.now();
      const where = filterCondition(environmentId, filters, now);
      const text = parseSearchText(filters.text);
      const params: Record<string, SqlValue> = { ...where.params };
      let textSql = '';
      if (text.exact !== '') {
        // The matching ids first, so SQLite reads only those rows rather than the whole table.
        params.exact = text.exact;
        const exactIds = 'SELECT id FROM orders WHERE environment_id = @env AND order_id = @exact';
        if (text.match) params.match = text.match;
        const ids = text.match
          ? `SELECT rowid FROM orders_fts WHERE orders_fts MATCH @match UNION ${exactIds}`
          : exactIds;
        textSql = ` AND o.id IN (${ids})`;
      }
      // Prepared afresh: an export iterates while searches may reuse the cached statements.
      return cache.db
        .prepare(
          `SELECT ${summaryColumns} FROM orders o WHERE ${where.sql}${textSql}
           ORDER BY o.window_start_ms IS NULL, o.window_start_ms, o.order_id`,
        )
        .iterate(params) as IterableIterator<SummaryRow>;
    },
  };
}
