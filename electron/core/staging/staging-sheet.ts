import type { LineError, StageRow, StageValues } from '../../../shared/contract';
import type { CsvRecord } from '../csv/csv-records';
import { readCsvRecords } from '../csv/csv-records';
import { checkOrderId, MAX_JOB_ORDERS, valueProblems } from './stage-values';

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
function layoutOf(first: CsvRecord | undefined, errors: LineError[]): Layout {
  const names = first?.fields.map(normalise) ?? [];
  if (!names.some((name) => ALIASES[name] === 'order_id')) return { columns: [...SHEET_COLUMNS], header: false };
  const seen = new Set<Column>();
  const columns = names.map((name, index) => {
    const column = ALIASES[name];
    const label = first?.fields[index] ?? '';
    if (column && !seen.has(column)) {
      seen.add(column);
      return column;
    }
    if (label !== '') {
      errors.push({
        line: first?.line ?? 1,
        message: column
          ? `Column "${label}" repeats the ${column} column: only the first one is read; remove the other.`
          : `Column "${label}" is not one the console knows (${SHEET_COLUMNS.join(', ')}): its values were ignored; rename it to use them.`,
      });
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
function readRow(record: CsvRecord, layout: Layout): { row: StageRow } | { problem: string; orderId?: string } {
  const extra = record.fields.slice(layout.columns.length).filter((value) => value !== '');
  if (extra.length > 0) {
    return {
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
  if (idProblem) return { problem: idProblem, ...(row.orderId ? { orderId: row.orderId } : {}) };
  problems.push(...valueProblems(row));
  if (problems.length > 0) return { problem: problems.join(' '), orderId: row.orderId };
  return { row };
}

/**
 * Reads a staging sheet: one order per line, with its bags count, items count, weight (lbs) and bag
 * label, under an optional header naming the columns (any order; unknown columns are reported). Every
 * good line is kept; each bad line is reported with its number, what is wrong and what to do; a second
 * line for the same order is reported and not staged twice.
 */
export function parseStagingSheet(text: string): SheetResult {
  const { records, errors } = readCsvRecords(text);
  const layout = layoutOf(records[0], errors);
  const data = layout.header ? records.slice(1) : records;
  const rows: StageRow[] = [];
  const firstLine = new Map<string, number>();
  for (const record of data) {
    const read = readRow(record, layout);
    if ('problem' in read) {
      errors.push({ line: record.line, message: read.problem, ...(read.orderId ? { orderId: read.orderId } : {}) });
      continue;
    }
    const { row } = read;
    const earlier = firstLine.get(row.orderId);
    if (earlier !== undefined) {
      errors.push({
        line: record.line,
        orderId: row.orderId,
        message: `Order ${row.orderId} is already on line ${earlier}: it is staged once, with the values of line ${earlier}; remove this line (or correct its order id).`,
      });
      continue;
    }
    if (rows.length === MAX_JOB_ORDERS) {
      errors.push({
        line: record.line,
        orderId: row.orderId,
        message: `A job stages at most ${MAX_JOB_ORDERS} orders and this sheet has more: this line and the ones after it were left out; stage them in a second sheet.`,
      });
      break;
    }
    firstLine.set(row.orderId, record.line);
    rows.push(row);
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({
      line: 1,
      message: `The sheet holds no orders: put one order per line (${SHEET_COLUMNS.join(', ')}), with or without a header line.`,
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}
