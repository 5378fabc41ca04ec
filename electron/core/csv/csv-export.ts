import type { AuditEntry, CsvExport, OrderSummary } from '../../../shared/contract';
import { MAX_EXPORT_ROWS } from '../../../shared/limits';
import type { CellValue } from './csv-cells';
import { describeChanges } from '../../../shared/audit-changes';
import { csvLines } from './csv-cells';

export const ORDER_CSV_COLUMNS = [
  ['order_id', 'orderId'],
  ['user_id', 'userId'],
  ['status', 'status'],
  ['store_location', 'storeLocation'],
  ['window_starts_at', 'windowStartsAt'],
  ['window_ends_at', 'windowEndsAt'],
  ['first_name', 'firstName'],
  ['last_name', 'lastName'],
  ['phone', 'phone'],
  ['address_line_1', 'addressLine1'],
  ['postal_code', 'postalCode'],
  ['bag_label', 'bagLabel'],
  ['fetched_at', 'fetchedAt'],
] as const satisfies readonly (readonly [string, keyof OrderSummary])[];

export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'environment',
  'who',
  'action',
  'order_id',
  'changes',
  'outcome',
  'error',
  'request',
  'environment_id',
] as const;

const BATCH = 1000;

/**
 * Written a batch at a time, so a large export holds its text in memory, not every record as well; rows
 * past MAX_EXPORT_ROWS are counted, not written.
 */
function toCsv<T>(
  header: readonly string[],
  items: Iterable<T>,
  row: (item: T) => CellValue[],
  maxRows: number,
): CsvExport {
  const chunks = [csvLines([header])];
  let batch: CellValue[][] = [];
  let rowCount = 0;
  let omitted = 0;
  for (const item of items) {
    if (rowCount === maxRows) {
      omitted += 1;
      continue;
    }
    batch.push(row(item));
    rowCount += 1;
    if (batch.length === BATCH) {
      chunks.push(csvLines(batch));
      batch = [];
    }
  }
  if (batch.length > 0) chunks.push(csvLines(batch));
  return { csv: chunks.join(''), rowCount, omitted };
}

/** The search results as CSV with a header, one line per order: a null field is an empty cell. */
export function ordersToCsv(orders: Iterable<OrderSummary>, maxRows = MAX_EXPORT_ROWS): CsvExport {
  return toCsv(
    ORDER_CSV_COLUMNS.map(([name]) => name),
    orders,
    (order) => ORDER_CSV_COLUMNS.map(([, key]) => order[key]),
    maxRows,
  );
}

export function auditToCsv(entries: Iterable<AuditEntry>, maxRows = MAX_EXPORT_ROWS): CsvExport {
  return toCsv(
    AUDIT_CSV_COLUMNS,
    entries,
    (e) => [
      e.id,
      e.at,
      e.environmentName,
      e.who,
      e.action,
      e.orderId,
      describeChanges(e.changes),
      e.outcome,
      e.error,
      JSON.stringify(e.request),
      e.environmentId,
    ],
    maxRows,
  );
}
