import type { ParsedSearchQuery } from '../../../shared/contract';
import type { SqlValue } from '../store/order-row';
import { DAY_MS, dayOf, dayTerm, statusTerm, storeDayTerm, storeTerm } from '../store/filter-terms';

/**
 * Past this many stores or UTC days a filter is left to SQL alone: FTS5 would merge that many lists
 * (a week in any zone touches eight UTC days).
 */
const MAX_STORE_WORDS = 20;
const MAX_DAY_WORDS = 8;
/** Stores and days this few are asked for as store and day words, one short list for each pair. */
const MAX_STORE_DAY_WORDS = 8;

export type SearchFilterValues = Omit<ParsedSearchQuery, 'offset' | 'limit'>;

export interface SqlCondition {
  sql: string;
  params: Record<string, SqlValue>;
}

/** The filters as SQL over `orders o` (always one environment), with named parameters. */
export function filterCondition(environmentId: string, filters: SearchFilterValues, nowMs: number): SqlCondition {
  const parts = ['o.environment_id = @env'];
  const params: Record<string, SqlValue> = { env: environmentId };
  const list = (name: string, column: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    const names = values.map((value, i) => {
      params[`${name}${i}`] = value;
      return `@${name}${i}`;
    });
    parts.push(`${column} IN (${names.join(', ')})`);
  };
  list('status', 'o.status', filters.statuses);
  list('store', 'o.store_location', filters.storeLocations);
  if (filters.windowFrom !== undefined) {
    parts.push('o.window_start_ms >= @windowFrom');
    params.windowFrom = Date.parse(filters.windowFrom);
  }
  if (filters.windowTo !== undefined) {
    parts.push('o.window_start_ms < @windowTo');
    params.windowTo = Date.parse(filters.windowTo);
  }
  if (filters.staleMinutes !== undefined) {
    parts.push('o.fetched_ms < @staleBefore');
    params.staleBefore = nowMs - filters.staleMinutes * 60_000;
  }
  return { sql: parts.join(' AND '), params };
}

export function hasWindowRange(filters: SearchFilterValues): boolean {
  return filters.windowFrom !== undefined || filters.windowTo !== undefined;
}

/**
 * The filters as words of the full-text index (store/filter-terms.ts), to AND with a text's query:
 * FTS5 then intersects the lists itself. `exact` when those words select exactly the rows the filters
 * do (the SQL condition is applied to every row all the same): a window range that does not fall on
 * UTC midnights, such as a day in a store's zone, is read as the UTC days it touches; staleness has
 * no word. Null when no filter has words.
 */
export function filterMatch(filters: SearchFilterValues): { match: string; exact: boolean } | null {
  const groups: string[] = [];
  let exact = filters.staleMinutes === undefined;
  const anyOf = (terms: string[]) => groups.push(`(${terms.map((term) => `"${term}"`).join(' OR ')})`);
  if (filters.statuses && filters.statuses.length > 0) anyOf(filters.statuses.map(statusTerm));
  const stores = filters.storeLocations ?? [];
  const storeWords = stores.length <= MAX_STORE_WORDS ? stores : [];
  if (storeWords.length < stores.length) exact = false;
  const days = hasWindowRange(filters) ? windowDays(filters) : [];
  if (hasWindowRange(filters) && (days.length === 0 || !onMidnights(filters))) exact = false;
  if (storeWords.length > 0 && days.length > 0 && storeWords.length * days.length <= MAX_STORE_DAY_WORDS) {
    anyOf(storeWords.flatMap((store) => days.map((day) => storeDayTerm(store, day))));
  } else {
    if (storeWords.length > 0) anyOf(storeWords.map(storeTerm));
    if (days.length > 0) anyOf(days.map(dayTerm));
  }
  return groups.length === 0 ? null : { match: groups.join(' AND '), exact };
}

/** The UTC days a window range touches, or none when it is open, before 1970 or too long to list. */
function windowDays(filters: SearchFilterValues): number[] {
  const from = filters.windowFrom === undefined ? NaN : Date.parse(filters.windowFrom);
  const to = filters.windowTo === undefined ? NaN : Date.parse(filters.windowTo);
  const first = dayOf(from);
  const last = dayOf(to - 1);
  if (!(from >= 0 && to > from && last - first < MAX_DAY_WORDS)) return [];
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function onMidnights(filters: SearchFilterValues): boolean {
  return Date.parse(filters.windowFrom!) % DAY_MS === 0 && Date.parse(filters.windowTo!) % DAY_MS === 0;
}
