import type { Database, Statement } from 'better-sqlite3';
import type { ChannelParsed, SearchResult } from '../../../shared/contract';
import type { CacheDatabase } from './open-database';
import type { SqlValue, SummaryRow } from './order-row';
import { SUMMARY_SQL, toSummary } from './order-row';
import type { SearchFilterValues } from './search-filters';
import { filterCondition, hasWindowRange } from './search-filters';
import { rankRows } from './search-rank';
import { parseSearchText } from './search-text';

/**
 * A text search ranks at most this many candidates, the most recently cached first: ranking every
 * match of a one-letter prefix over a million orders cannot fit in a keystroke, and past a thousand
 * matches the user narrows the search rather than scrolls. The total is then a lower bound.
 */
export const TEXT_MATCH_CAP = 1000;
/** Filters alone may list many more (a store's whole week): counted up to this many. */
export const FILTER_COUNT_CAP = 100_000;

export interface OrderSearch {
  search(environmentId: string, query: ChannelParsed<'orders:search'>): SearchResult;
  /** Every match of the filters (not only a window of them), by delivery window: for export. */
  eachMatch(environmentId: string, filters: SearchFilterValues): IterableIterator<SummaryRow>;
}

const summaryColumns = SUMMARY_SQL.split(',')
  .map((column) => `o.${column.trim()}`)
  .join(', ');

/** Prepared statements by their SQL: the filters chosen vary, so each shape is prepared once. */
function statements(db: Database) {
  const prepared = new Map<string, Statement>();
  return (sql: string): Statement => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (prepared.size > 200) prepared.clear();
      prepared.set(sql, statement);
    }
    return statement;
  };
}

export interface SearchLimits {
  textMatchCap: number;
  filterCountCap: number;
}

export function createOrderSearch(
  cache: CacheDatabase,
  { textMatchCap, filterCountCap }: SearchLimits = { textMatchCap: TEXT_MATCH_CAP, filterCountCap: FILTER_COUNT_CAP },
): OrderSearch {
  const statement = statements(cache.db);
  const all = <T>(sql: string, params: Record<string, SqlValue>): T[] => statement(sql).all(params) as T[];

  function textSearch(environmentId: string, query: ChannelParsed<'orders:search'>, now: number) {
    const text = parseSearchText(query.text);
    const where = filterCondition(environmentId, query, now);
    const exact = all<SummaryRow>(`SELECT ${summaryColumns} FROM orders o WHERE ${where.sql} AND o.order_id = @exact`, {
      ...where.params,
      exact: text.exact,
    });
    const pool = text.match
      ? all<SummaryRow>(
          `SELECT ${summaryColumns} FROM orders_fts JOIN orders o ON o.id = orders_fts.rowid
           WHERE orders_fts MATCH @match AND ${where.sql}
           ORDER BY orders_fts.rowid DESC LIMIT ${textMatchCap + 1}`,
          { ...where.params, match: text.match },
        )
      : [];
    const capped = pool.length > textMatchCap;
    const candidates = pool.slice(0, textMatchCap);
    const seen = new Set(candidates.map((row) => row.id));
    for (const row of exact) if (!seen.has(row.id)) candidates.push(row);
    const ranked = rankRows(candidates, text, now);
    return {
      rows: ranked.slice(query.offset, query.offset + query.limit),
      total: ranked.length,
      totalIsCapped: capped,
    };
  }

  /**
   * Nearest window first, read from the window index in both directions from now and merged, so only
   * offset + limit entries are read; then the page's rows are fetched by id.
   */
  function filterSearch(environmentId: string, query: ChannelParsed<'orders:search'>, now: number) {
    const where = filterCondition(environmentId, query, now);
    const k = query.offset + query.limit;
    const params = { ...where.params, now, k };
    type Key = { id: number; w: number | null };
    const from = `FROM orders o INDEXED BY orders_by_window WHERE ${where.sql}`;
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
    const page = keys.slice(query.offset, k).map((key) => key.id);
    const byId = new Map(
      all<SummaryRow>(`SELECT ${SUMMARY_SQL} FROM orders WHERE id IN (SELECT value FROM json_each(@ids))`, {
        ids: JSON.stringify(page),
      }).map((row) => [row.id, row]),
    );
    const counted = all<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM orders o WHERE ${where.sql} LIMIT ${filterCountCap + 1})`,
      where.params,
    )[0]!.n;
    return {
      rows: page.map((id) => byId.get(id)!).filter((row) => row !== undefined),
      total: Math.min(counted, filterCountCap),
      totalIsCapped: counted > filterCountCap,
    };
  }

  return {
    search(environmentId, query) {
      const started = performance.now();
      const now = cache.clock.now();
      const found =
        query.text.trim() === '' ? filterSearch(environmentId, query, now) : textSearch(environmentId, query, now);
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
