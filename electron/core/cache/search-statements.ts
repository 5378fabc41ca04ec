import type { Database, Statement } from 'better-sqlite3';
import type { SqlValue, SummaryRow } from './order-row';
import { SUMMARY_SQL } from './order-row';

export type All = <T>(sql: string, params: Record<string, SqlValue>) => T[];

/** Runs SQL with its statement prepared once per shape: the filters chosen vary, the shapes are few. */
export function preparedAll(db: Database): All {
  const prepared = new Map<string, Statement>();
  return <T>(sql: string, params: Record<string, SqlValue>): T[] => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (prepared.size > 200) prepared.clear();
      prepared.set(sql, statement);
    }
    return statement.all(params) as T[];
  };
}

/** The list rows of a page, fetched by id once the page is known, in the order given. */
export function summariesById(all: All, ids: number[]): SummaryRow[] {
  if (ids.length === 0) return [];
  const rows = all<SummaryRow>(`SELECT ${SUMMARY_SQL} FROM orders WHERE id IN (SELECT value FROM json_each(@ids))`, {
    ids: JSON.stringify(ids),
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
