import { CsvError, parse } from 'csv-parse/sync';
import type { LineError } from '../../../shared/contract';
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

interface CsvRecord {
  line: number;
  fields: string[];
}

const ORDER_HEADERS = new Set(['orderid', 'order', 'id', 'ordernumber', 'orderno']);
const USER_HEADERS = new Set(['userid', 'user', 'customerid', 'customer']);
const MAX_ID = 128;

function describe(error: unknown): string {
  const code = error instanceof CsvError ? error.code : '';
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'A quoted value is not closed: add the missing " at its end.';
  if (code === 'CSV_INVALID_CLOSING_QUOTE') {
    return 'A quoted value is followed by other characters: quote the whole value, or remove the quotes.';
  }
  if (code === 'INVALID_OPENING_QUOTE')
    return 'A " appears inside a value: quote the whole value and double the " inside it.';
  return `This line is not valid CSV (${error instanceof Error ? error.message : String(error)}): check its quotes and separators.`;
}

function delimiterOf(text: string): string {
  const first = text.split('\n').find((line) => line.trim() !== '') ?? '';
  if (first.includes(',')) return ',';
  if (first.includes(';')) return ';';
  return first.includes('\t') ? '\t' : ',';
}

/** The whole file at once; throws on the first malformed line. */
function parseWhole(text: string, delimiter: string): CsvRecord[] {
  // With info and raw, each record comes wrapped with where it was read; the typings do not say so.
  const parsed = parse(text, {
    delimiter,
    relax_column_count: true,
    trim: true,
    skip_empty_lines: true,
    info: true,
    raw: true,
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  return parsed.map(({ record, info, raw }) => {
    // raw starts with the blank lines skipped before the record; info.lines is the line it ends on.
    const body = raw.replace(/^(?:[^\S\n]*\n)+/, '').replace(/\n$/, '');
    return { line: info.lines - (body.match(/\n/g)?.length ?? 0), fields: record };
  });
}

/** Line by line, so one malformed line costs only itself. */
function parseByLine(text: string, delimiter: string, errors: LineError[]): CsvRecord[] {
  const records: CsvRecord[] = [];
  text.split('\n').forEach((content, index) => {
    if (content.trim() === '') return;
    try {
      const [fields] = parse(content, { delimiter, relax_column_count: true, trim: true });
      if (fields) records.push({ line: index + 1, fields });
    } catch (error) {
      errors.push({ line: index + 1, message: describe(error) });
    }
  });
  return records;
}

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
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const delimiter = delimiterOf(text);
  const errors: LineError[] = [];
  let records: CsvRecord[];
  try {
    records = parseWhole(text, delimiter);
  } catch {
    records = parseByLine(text, delimiter, errors);
  }
  records = records.filter((record) => record.fields.some((field) => field.trim() !== ''));
  const header = records[0] ? headerColumns(records[0].fields) : null;
  if (header) records = records.slice(1);
  const columns = header ?? { order: 0, user: 1 };
  const rows: OrderIdRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, fields } of records) {
    const values = fields.map((field) => unguardCell(field.trim()));
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
