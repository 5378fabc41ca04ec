import type { Database } from 'better-sqlite3';
import type { SearchQuery } from '../../shared/contract';
import { searchQuery } from '../../shared/contract';
import { filterCondition } from '../../electron/core/search/search-filters';
import { parseSearchText } from '../../electron/core/store/search-text';

const HAYSTACK = `(o.order_id || ' ' || ifnull(o.first_name, '') || ' ' || ifnull(o.last_name, '') || ' ' ||
  ifnull(o.phone_digits, '') || ' ' || ifnull(o.address_line_1, '') || ' ' || ifnull(o.postal_code, '') || ' ' ||
  ifnull(o.bag_label, ''))`;

/**
 * The same search done without the full-text index: every word as a LIKE '%word%' over the searched
 * fields, a full scan, the same count and first page. What the console would do without FTS5.
 */
export function likeScan(db: Database, environmentId: string, input: SearchQuery, nowMs: number): number {
  const query = searchQuery.parse(input);
  const where = filterCondition(environmentId, query, nowMs);
  const text = parseSearchText(query.text);
  const params: Record<string, string | number | null> = { ...where.params, now: nowMs };
  const words = text.exact.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  const parts = words.map((word, i) => {
    params[`w${i}`] = `%${word}%`;
    return `${HAYSTACK} LIKE @w${i}`;
  });
  let textSql = parts.length ? ` AND (${parts.join(' AND ')})` : '';
  if (text.phoneDigits && parts.length) {
    params.digits = `%${text.phoneDigits}%`;
    textSql = ` AND ((${parts.join(' AND ')}) OR o.phone_digits LIKE @digits)`;
  }
  const from = `FROM orders o NOT INDEXED WHERE ${where.sql}${textSql}`;
  const rows = db
    .prepare(`SELECT o.id ${from} ORDER BY abs(ifnull(o.window_start_ms, 1e15) - @now) LIMIT ${query.limit}`)
    .all(params);
  const { n } = db.prepare(`SELECT count(*) AS n ${from}`).get(params) as { n: number };
  return rows.length + n;
}
