import type { ParsedSearchQuery } from '../../../shared/contract';
import type { SqlValue } from '../store/order-row';

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
