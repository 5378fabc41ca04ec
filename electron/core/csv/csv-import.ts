import { MAX_IMPORT_ORDERS, MAX_ORDER_ID } from '../../../shared/limits';
import type { CsvRecord, RecordVisitor } from './csv-records';
import { readCsvRecords } from './csv-records';
import { LineErrors } from './line-errors';
import { unguardCell } from './csv-cells';

export interface OrderIdRow {
  line: number;
  orderId: string;
  userId?: string;
}

export interface OrderIdCsv {
  rows: OrderIdRow[];
  /** Capped (shared/limits MAX_LINE_ERRORS): `errors.total` counts every bad line. */
  errors: LineErrors;
}

const ORDER_HEADERS = new Set(['orderid', 'order', 'id', 'ordernumber', 'orderno']);
const USER_HEADERS = new Set(['userid', 'user', 'customerid', 'customer']);

function headerColumns(fields: string[]): { order: number; user: number } | null {
  const names = fields.map((field) => field.toLowerCase().replace(/[^a-z]/g, ''));
  const order = names.findIndex((name) => ORDER_HEADERS.has(name));
  return order < 0 ? null : { order, user: names.findIndex((name) => USER_HEADERS.has(name)) };
}

function idProblem(what: string, value: string): string | null {
  if (value.length > MAX_ORDER_ID)
    return `The ${what} is longer than ${MAX_ORDER_ID} characters: check that the right column was used.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return `The ${what} holds a line break or a control character: remove it.`;
  return null;
}

/** What is wrong with one line (its kind, and what to do about it); null when it is good. */
function lineProblem(
  values: string[],
  hasHeader: boolean,
  orderId: string,
  userId: string,
  seenOnLine: number | undefined,
): { kind: string; message: string } | null {
  const extra = values.filter((value, i) => i > 1 && value !== '').length;
  if (!hasHeader && extra > 0) {
    return {
      kind: 'A line has more than an order id and a user id',
      message: `This line has ${values.length} values; expected an order id and, optionally, a user id. Add a header row (order_id,user_id) to import a sheet with other columns.`,
    };
  }
  if (orderId === '') {
    const message = hasHeader
      ? 'The order id is empty: fill in the order_id column or remove the line.'
      : 'The order id is empty: put the order id in the first column or remove the line.';
    return { kind: message, message };
  }
  const invalid = idProblem('order id', orderId) ?? idProblem('user id', userId);
  if (invalid) return { kind: invalid, message: invalid };
  return seenOnLine === undefined
    ? null
    : {
        kind: 'Order … appears more than once',
        message: `Order ${orderId} is already on line ${seenOnLine}: it is imported once; remove this line.`,
      };
}

/** The file's lines one by one: the first decides whether there is a header. */
class OrderIdVisitor implements RecordVisitor {
  readonly errors = new LineErrors();
  readonly rows: OrderIdRow[] = [];
  private header: { order: number; user: number } | null | undefined;
  private readonly firstLine = new Map<string, number>();

  visit({ line, fields }: CsvRecord): 'stop' | undefined {
    if (this.header === undefined) {
      this.header = headerColumns(fields);
      if (this.header) return undefined;
    }
    const columns = this.header ?? { order: 0, user: 1 };
    const values = fields.map(unguardCell);
    const orderId = values[columns.order] ?? '';
    const userId = columns.user >= 0 ? (values[columns.user] ?? '') : '';
    const problem = lineProblem(values, this.header !== null, orderId, userId, this.firstLine.get(orderId));
    if (problem) {
      this.errors.add(problem.kind, line, () => ({ message: problem.message, ...(orderId ? { orderId } : {}) }));
      return undefined;
    }
    if (this.rows.length === MAX_IMPORT_ORDERS) {
      this.errors.add('Too many order ids for one import', line, () => ({
        orderId,
        message: `An import reads at most ${MAX_IMPORT_ORDERS.toLocaleString('en-US')} order ids and this file has more: this line and the ones after it were left out; import them from a second file.`,
      }));
      return 'stop';
    }
    this.firstLine.set(orderId, line);
    this.rows.push({ line, orderId, ...(userId ? { userId } : {}) });
    return undefined;
  }
}

/**
 * Reads a file of order ids, optionally with user ids: one order per line, the order id first and the
 * user id second, or any columns under a header naming them (order_id, user_id). Tolerates a BOM,
 * CRLF or CR line ends, blank lines, quoted fields, and ; or tab separators. Every good line is kept;
 * each bad line is reported with its number, what is wrong and what to do. Read in turns.
 */
export async function parseOrderIdCsv(input: string): Promise<OrderIdCsv> {
  const { rows, errors } = await readCsvRecords(input, () => new OrderIdVisitor());
  if (rows.length === 0 && errors.total === 0) {
    errors.add('The file holds no order ids', 1, () => ({
      message: 'The file holds no order ids: put one order id per line, optionally with a user id after a comma.',
    }));
  }
  return { rows, errors };
}
