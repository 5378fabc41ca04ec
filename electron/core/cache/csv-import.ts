import type { LineError } from '../../../shared/contract';
import { readCsvRecords } from '../csv/csv-records';
import { unguardCell } from './csv-cells';

export interface OrderIdRow {
  line: number;
  orderId: string;
  userId?: string;
}

export interface OrderIdCsv {
  rows: OrderIdRow[];
  errors: LineError[];
}

const ORDER_HEADERS = new Set(['orderid', 'order', 'id', 'ordernumber', 'orderno']);
const USER_HEADERS = new Set(['userid', 'user', 'customerid', 'customer']);
const MAX_ID = 128;

function headerColumns(fields: string[]): { order: number; user: number } | null {
  const names = fields.map((field) => field.toLowerCase().replace(/[^a-z]/g, ''));
  const order = names.findIndex((name) => ORDER_HEADERS.has(name));
  return order < 0 ? null : { order, user: names.findIndex((name) => USER_HEADERS.has(name)) };
}

function idProblem(what: string, value: string): string | null {
  if (value.length > MAX_ID)
    return `The ${what} is longer than ${MAX_ID} characters: check that the right column was used.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return `The ${what} holds a line break or a control character: remove it.`;
  return null;
}

/** What is wrong with one line, and what to do about it; null when it is good. */
function lineProblem(
  values: string[],
  hasHeader: boolean,
  orderId: string,
  userId: string,
  seenOnLine: number | undefined,
): string | null {
  const extra = values.filter((value, i) => i > 1 && value !== '').length;
  if (!hasHeader && extra > 0) {
    return `This line has ${values.length} values; expected an order id and, optionally, a user id. Add a header row (order_id,user_id) to import a sheet with other columns.`;
  }
  if (orderId === '') {
    return hasHeader
      ? 'The order id is empty: fill in the order_id column or remove the line.'
      : 'The order id is empty: put the order id in the first column or remove the line.';
  }
  const invalid = idProblem('order id', orderId) ?? idProblem('user id', userId);
  if (invalid) return invalid;
  return seenOnLine === undefined
    ? null
    : `Order ${orderId} is already on line ${seenOnLine}: it is imported once; remove this line.`;
}

/**
 * Reads a file of order ids, optionally with user ids: one order per line, the order id first and the
 * user id second, or any columns under a header naming them (order_id, user_id). Tolerates a BOM,
 * CRLF or CR line ends, blank lines, quoted fields, and ; or tab separators. Every good line is kept;
 * each bad line is reported with its number, what is wrong and what to do.
 */
export function parseOrderIdCsv(input: string): OrderIdCsv {
  const read = readCsvRecords(input);
  const errors = read.errors;
  let records = read.records;
  const header = records[0] ? headerColumns(records[0].fields) : null;
  if (header) records = records.slice(1);
  const columns = header ?? { order: 0, user: 1 };
  const rows: OrderIdRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, fields } of records) {
    const values = fields.map(unguardCell);
    const orderId = values[columns.order] ?? '';
    const userId = columns.user >= 0 ? (values[columns.user] ?? '') : '';
    const problem = lineProblem(values, header !== null, orderId, userId, firstLine.get(orderId));
    if (problem) {
      errors.push({ line, message: problem, ...(orderId ? { orderId } : {}) });
      continue;
    }
    firstLine.set(orderId, line);
    rows.push({ line, orderId, ...(userId ? { userId } : {}) });
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({
      line: 1,
      message: 'The file holds no order ids: put one order id per line, optionally with a user id after a comma.',
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}
