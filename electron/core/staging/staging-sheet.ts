import type { LineError, StageRow, StageValues } from '../../../shared/contract';
import { MAX_JOB_ORDERS } from '../../../shared/limits';
import { checkOrderId, valueProblems } from '../../../shared/stage-values';
import type { CsvRecord, RecordVisitor } from '../csv/csv-records';
import { readCsvRecords } from '../csv/csv-records';
import { LineErrors } from '../csv/line-errors';

type Column = 'order_id' | keyof StageValues;

/** The sheet's columns when it has no header, in this order (as the staging sheet is described). */
export const SHEET_COLUMNS: readonly Column[] = ['order_id', 'bags_count', 'items_count', 'items_weight', 'bag_label'];

const ALIASES: Record<string, Column> = {
  orderid: 'order_id',
  order: 'order_id',
  id: 'order_id',
  ordernumber: 'order_id',
  bagscount: 'bags_count',
  bags: 'bags_count',
  bagcount: 'bags_count',
  itemscount: 'items_count',
  items: 'items_count',
  itemcount: 'items_count',
  itemsweight: 'items_weight',
  weight: 'items_weight',
  weightlbs: 'items_weight',
  itemsweightlbs: 'items_weight',
  baglabel: 'bag_label',
  label: 'bag_label',
};

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');

export interface SheetResult {
  rows: StageRow[];
  errors: LineError[];
}

interface Layout {
  columns: (Column | null)[];
  header: boolean;
}

/** A header is a first line naming an order id column; anything else is data in the default column order. */
function layoutOf(first: CsvRecord, errors: LineErrors): Layout {
  const names = first.fields.map(normalise);
  if (!names.some((name) => ALIASES[name] === 'order_id')) return { columns: [...SHEET_COLUMNS], header: false };
  const seen = new Set<Column>();
  const columns = names.map((name, index) => {
    const column = ALIASES[name];
    const label = first.fields[index] ?? '';
    if (column && !seen.has(column)) {
      seen.add(column);
      return column;
    }
    if (label !== '') {
      errors.add('A column name is repeated or not known', first.line, () => ({
        message: column
          ? `Column "${label}" repeats the ${column} column: only the first one is read; remove the other.`
          : `Column "${label}" is not one the console knows (${SHEET_COLUMNS.join(', ')}): its values were ignored; rename it to use them.`,
      }));
    }
    return null;
  });
  return { columns, header: true };
}

const WHOLE = /^\d+$/;

function wholeNumber(column: string, raw: string): number | string {
  const text = raw.replace(/\s+/g, '');
  if (!WHOLE.test(text)) return `${column} "${raw}" is not a whole number: enter a count such as 3, or leave it empty.`;
  return Number(text);
}

/** Pounds; a decimal comma is accepted when the sheet is not comma-separated, and a trailing "lb"/"lbs" is dropped. */
function weight(raw: string): number | string {
  const text = raw
    .replace(/\s*lbs?\.?$/i, '')
    .replace(/\s+/g, '')
    .replace(/^(\d+),(\d+)$/, '$1.$2');
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text)) {
    return `items_weight "${raw}" is not a weight in pounds: enter a number such as 12.5, or leave it empty.`;
  }
  return Number(text);
}

/** The row of one record, or what is wrong with it. */
function readRow(
  record: CsvRecord,
  layout: Layout,
): { row: StageRow } | { kind: string; problem: string; orderId?: string } {
  const extra = record.fields.slice(layout.columns.length).filter((value) => value !== '');
  if (extra.length > 0) {
    return {
      kind: 'A line has more values than the sheet has columns',
      problem: layout.header
        ? `This line has ${record.fields.length} values but the header names ${layout.columns.length} columns: name the extra columns in the header, or remove the extra values.`
        : `This line has ${record.fields.length} values; a staging sheet has at most ${SHEET_COLUMNS.length} (${SHEET_COLUMNS.join(', ')}). Add a header line naming the columns, or remove the extra values.`,
    };
  }
  const row: StageRow = { orderId: '', line: record.line };
  const problems: string[] = [];
  layout.columns.forEach((column, index) => {
    const raw = record.fields[index] ?? '';
    if (column === null || raw === '') return;
    if (column === 'order_id') row.orderId = raw;
    else if (column === 'bag_label') row.bag_label = raw;
    else {
      const value = column === 'items_weight' ? weight(raw) : wholeNumber(column, raw);
      if (typeof value === 'string') problems.push(value);
      else row[column] = value;
    }
  });
  const idProblem = checkOrderId(row.orderId, layout.header ? 'order_id column' : 'first column');
  if (idProblem) return { kind: idProblem, problem: idProblem, ...(row.orderId ? { orderId: row.orderId } : {}) };
  problems.push(...valueProblems(row));
  if (problems.length > 0) {
    return { kind: 'A value is not one the API takes', problem: problems.join(' '), orderId: row.orderId };
  }
  return { row };
}

/** The sheet's lines one by one: the first decides whether there is a header. */
class SheetVisitor implements RecordVisitor {
  readonly errors = new LineErrors();
  readonly rows: StageRow[] = [];
  private layout: Layout | null = null;
  private readonly firstLine = new Map<string, number>();

  visit(record: CsvRecord): 'stop' | undefined {
    if (!this.layout) {
      this.layout = layoutOf(record, this.errors);
      if (this.layout.header) return undefined;
    }
    const read = readRow(record, this.layout);
    if ('problem' in read) {
      this.errors.add(read.kind, record.line, () => ({
        message: read.problem,
        ...(read.orderId ? { orderId: read.orderId } : {}),
      }));
      return undefined;
    }
    const { row } = read;
    const earlier = this.firstLine.get(row.orderId);
    if (earlier !== undefined) {
      this.errors.add('Order … appears more than once', record.line, () => ({
        orderId: row.orderId,
        message: `Order ${row.orderId} is already on line ${earlier}: it is staged once, with the values of line ${earlier}; remove this line (or correct its order id).`,
      }));
      return undefined;
    }
    if (this.rows.length === MAX_JOB_ORDERS) {
      this.errors.add('Too many orders for one job', record.line, () => ({
        orderId: row.orderId,
        message: `A job stages at most ${MAX_JOB_ORDERS} orders and this sheet has more: this line and the ones after it were left out; stage them in a second sheet.`,
      }));
      return 'stop';
    }
    this.firstLine.set(row.orderId, record.line);
    this.rows.push(row);
    return undefined;
  }
}

/**
 * Reads a staging sheet: one order per line, with its bags count, items count, weight (lbs) and bag
 * label, under an optional header naming the columns (any order; unknown columns are reported). Every
 * good line is kept; each bad line is reported with its number, what is wrong and what to do (the first
 * MAX_LINE_ERRORS of them, then how many more); a second line for the same order is reported and not
 * staged twice. Read in turns, so the core answers other calls meanwhile.
 */
export async function parseStagingSheet(text: string): Promise<SheetResult> {
  const sheet = await readCsvRecords(text, () => new SheetVisitor());
  if (sheet.rows.length === 0 && sheet.errors.total === 0) {
    sheet.errors.add('The sheet holds no orders', 1, () => ({
      message: `The sheet holds no orders: put one order per line (${SHEET_COLUMNS.join(', ')}), with or without a header line.`,
    }));
  }
  return { rows: sheet.rows, errors: sheet.errors.list() };
}
