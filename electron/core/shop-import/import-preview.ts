import type { ImportField, ImportMapping, PreviewRow } from '../../../shared/contract';
import { displayPhone } from '../../../shared/phone';
import { CoreError } from '../core-error';
import type { ShopValues } from './field-values';
import { lineReader } from './field-values';
import type { ExportKind } from './file-kind';
import type { SheetRow } from './sheet-source';
import { sheetRows } from './sheet-source';

/** Lines shown before anything is written. */
export const PREVIEW_LINES = 20;

const SHOWN: [ImportField, keyof ShopValues][] = [
  ['orderId', 'order_id'],
  ['userId', 'user_id'],
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['phone', 'phone'],
  ['addressLine1', 'address_line_1'],
  ['addressLine2', 'address_line_2'],
  ['postalCode', 'postal_code'],
  ['storeLocation', 'location_code'],
  ['bagLabel', 'bag_label'],
  ['windowStart', 'window_starts_at'],
  ['windowEnd', 'window_ends_at'],
  ['itemsCount', 'items_count'],
  ['bagsCount', 'bags_count'],
  ['weight', 'items_weight'],
];

export interface ExportHead {
  sheets: string[];
  headers: string[];
  rows: SheetRow[];
}

/** The header and the first data lines of an export, and a workbook's sheet names. */
export async function readHead(path: string, kind: ExportKind, sheet?: string): Promise<ExportHead> {
  let sheets: string[] = [];
  let headers: string[] | null = null;
  const rows: SheetRow[] = [];
  const source = sheetRows(path, kind, sheet, (names) => (sheets = names));
  for await (const row of source) {
    if (!headers) headers = row.cells;
    else if (row.cells.some((cell) => cell !== '')) rows.push(row);
    if (rows.length >= PREVIEW_LINES) break;
  }
  if (!headers || headers.every((h) => h === '')) {
    throw new CoreError({
      code: 'import_empty',
      message: 'The file is empty: it has no header line and no orders.',
      hint: 'Export the orders again from the shop system, with a header line naming the columns.',
    });
  }
  if (rows.length === 0) {
    throw new CoreError({
      code: 'import_no_orders',
      message: 'The file has a header line but no orders under it.',
      hint: 'Export again with a date range that has orders, or choose another sheet.',
    });
  }
  return { sheets, headers, rows };
}

/** The first lines as they will be read with `mapping`, each with its problems. */
export function previewRows(head: ExportHead, mapping: ImportMapping): PreviewRow[] {
  const readLine = lineReader(mapping, head.headers);
  return head.rows.map((row) => {
    const read = readLine(row.cells, row.line);
    const values: PreviewRow['values'] = {};
    if (read.values) {
      for (const [field, key] of SHOWN) {
        const value = read.values[key];
        if (value !== undefined) values[field] = key === 'phone' ? displayPhone(String(value)) : String(value);
      }
      if (read.values.tip_cents !== undefined) values.tip = (read.values.tip_cents / 100).toFixed(2);
    }
    return { line: row.line, values, problems: read.problems };
  });
}

export function requireOrderId(mapping: ImportMapping): void {
  if (mapping.orderId === undefined) {
    throw new CoreError({
      code: 'import_no_order_id',
      key: 'orderId',
      message: 'The mapping leaves out the order id: the console cannot tell which order a line is.',
      hint: 'Pick the column that holds the order id (often "Order #" or "Order Number").',
    });
  }
}
