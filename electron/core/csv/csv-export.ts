import type { AuditEntry, CsvExport, OrderSummary } from '../../../shared/contract';
import { MAX_EXPORT_ROWS } from '../../../shared/limits';
import { isoInZone } from '../../../shared/zoned-time';
import type { CellValue } from './csv-cells';
import { describeChanges } from '../../../shared/audit-changes';
import { csvLines } from './csv-cells';

/** A store's time, written as the store reads it with its offset (2026-12-02T12:00:00-08:00). */
type StoreTime = (iso: string | null, zone: string) => string | null;
const storeTime: StoreTime = (iso, zone) => {
  const ms = iso === null ? NaN : Date.parse(iso);
  return Number.isNaN(ms) ? iso : isoInZone(ms, zone);
};

export const ORDER_CSV_COLUMNS: readonly (readonly [string, (order: OrderSummary, zone: string) => CellValue])[] = [
  ['order_id', (o) => o.orderId],
  ['user_id', (o) => o.userId],
  ['status', (o) => o.status],
  ['store_location', (o) => o.storeLocation],
  ['store_time_zone', (_o, zone) => zone],
  ['window_starts_at', (o, zone) => storeTime(o.windowStartsAt, zone)],
  ['window_ends_at', (o, zone) => storeTime(o.windowEndsAt, zone)],
  ['first_name', (o) => o.firstName],
  ['last_name', (o) => o.lastName],
  ['phone', (o) => o.phone],
  ['address_line_1', (o) => o.addressLine1],
  ['postal_code', (o) => o.postalCode],
  ['bag_label', (o) => o.bagLabel],
  // Belongs to no store: an instant, in UTC.
  ['fetched_at', (o) => o.fetchedAt],
];

export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'environment',
  'who',
  'action',
  'order_id',
  'changes',
  'reason_or_ticket',
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

/**
 * The search results as CSV with a header, one line per order: a null field is an empty cell. Window
 * times are in the zone of the order's store (`zoneOf`), written with their offset beside the zone's name.
 */
export function ordersToCsv(
  orders: Iterable<OrderSummary>,
  zoneOf: (store: string | null) => string,
  maxRows = MAX_EXPORT_ROWS,
): CsvExport {
  return toCsv(
    ORDER_CSV_COLUMNS.map(([name]) => name),
    orders,
    (order) => {
      const zone = zoneOf(order.storeLocation);
      return ORDER_CSV_COLUMNS.map(([, cell]) => cell(order, zone));
    },
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
      e.note,
      e.outcome,
      e.error,
      JSON.stringify(e.request),
      e.environmentId,
    ],
    maxRows,
  );
}
