import type { ImportField, ImportMapping, ImportProblem } from '../../../shared/contract';
import { orderId as orderIdRule } from '../../../shared/contract';
import { readPhone } from '../../../shared/phone';

/** What one line of the export says about an order, in the cache's own columns. */
export interface ShopValues {
  order_id: string;
  user_id?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  address_line_1?: string;
  address_line_2?: string;
  postal_code?: string;
  location_code?: string;
  bag_label?: string;
  window_starts_at?: string;
  window_ends_at?: string;
  items_count?: number;
  bags_count?: number;
  items_weight?: number;
  tip_cents?: number;
}

export interface ReadLine {
  values: ShopValues | null;
  problems: ImportProblem[];
  /** A time without an offset was read as UTC. */
  timeAsUtc: boolean;
}

/**
 * Why a cell was refused and what to do. A reader answers its value or one of these: no wrapper is
 * made for each good cell, which at a million lines of 15 cells is seconds of allocation.
 */
class Refusal {
  constructor(
    readonly message: string,
    readonly hint: string,
  ) {}
}

type Reader<T> = (cell: string) => T | Refusal;

const MAX_TEXT = 256;

function text(cell: string): string | Refusal {
  if (cell.length > MAX_TEXT) return new Refusal(`Longer than ${MAX_TEXT} characters.`, 'Shorten the value.');
  return cell;
}

const US_ZIP = /^\d{5}(?:-\d{4})?$/;
const CA_POSTAL = /^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/;

function postalCode(cell: string): string | Refusal {
  if (US_ZIP.test(cell)) return cell;
  if (CA_POSTAL.test(cell)) return cell.toUpperCase().replace(/^(...) ?/, '$1 ');
  if (/^\d{3,4}$/.test(cell)) {
    return new Refusal(
      `"${cell}" is too short for a ZIP code: it looks like one that lost its leading zeros.`,
      'Format the column as text in the spreadsheet so 02134 stays 02134, and export again.',
    );
  }
  return new Refusal(
    `"${cell.slice(0, 20)}" is not a ZIP or postal code.`,
    'Use 5 digits (94110), ZIP+4 (94110-1234) or a Canadian code (M5V 2T6).',
  );
}

function wholeNumber(cell: string): number | Refusal {
  const n = Number(cell.replace(/,/g, ''));
  if (!/^\d[\d,]*$/.test(cell) || !Number.isSafeInteger(n) || n > 100_000) {
    return new Refusal(`"${cell.slice(0, 20)}" is not a whole number.`, 'Use a count such as 12.');
  }
  return n;
}

function decimal(cell: string): number | Refusal {
  const n = Number(cell.replace(/,/g, ''));
  if (!/^\d[\d,]*(?:\.\d+)?$/.test(cell) || !Number.isFinite(n) || n > 100_000) {
    return new Refusal(`"${cell.slice(0, 20)}" is not a number.`, 'Use a number such as 12.5, without units.');
  }
  return n;
}

function money(cell: string): number | Refusal {
  const bare = cell.replace(/^\$\s*/, '');
  if (!/^\d+(?:\.\d{1,2})?$/.test(bare)) {
    return new Refusal(`"${cell.slice(0, 20)}" is not an amount.`, 'Use dollars and cents, such as 5.00.');
  }
  return Math.round(Number(bare) * 100);
}

function phone(cell: string): string | Refusal {
  const read = readPhone(cell);
  return read.ok ? read.e164 : new Refusal(read.message, read.hint);
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const WITHOUT_OFFSET = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/;

/**
 * A delivery time: ISO 8601 with its offset, kept as written, or "YYYY-MM-DD HH:MM", read as UTC until
 * the console knows each store's time zone (then it comes back changed: see `readsAsUtc`).
 */
function time(cell: string): string | Refusal {
  if (WITH_OFFSET.test(cell) && !Number.isNaN(Date.parse(cell))) return cell;
  const bare = WITHOUT_OFFSET.exec(cell);
  const ms = bare ? Date.parse(`${bare[1]}T${bare[2]}Z`) : NaN;
  if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  return new Refusal(
    `"${cell.slice(0, 30)}" is not a date and time the console can read.`,
    'Use ISO 8601 with an offset (2026-03-14T09:00:00-07:00) or "2026-03-14 09:00".',
  );
}

/** A time without an offset is the only one `time` answers other than as written. */
const readsAsUtc = (cell: string, iso: string | undefined) => iso !== undefined && iso !== cell;

/** "Marcus Lee" and "Lee, Marcus" -> Marcus / Lee; one word is a first name. */
export function splitName(full: string): { first: string; last?: string } {
  const comma = full.indexOf(',');
  if (comma > 0) return { first: full.slice(comma + 1).trim(), last: full.slice(0, comma).trim() };
  const space = full.lastIndexOf(' ');
  return space > 0 ? { first: full.slice(0, space).trim(), last: full.slice(space + 1) } : { first: full };
}

type ValueField = Exclude<keyof ShopValues, 'order_id' | 'first_name' | 'last_name'>;

/** Each mapped field but the order id and the names, with the reader its cells go through, in the cache's order. */
const FIELD_READERS: readonly (readonly [ImportField, ValueField, Reader<string | number>])[] = [
  ['userId', 'user_id', text],
  ['phone', 'phone', phone],
  ['addressLine1', 'address_line_1', text],
  ['addressLine2', 'address_line_2', text],
  ['postalCode', 'postal_code', postalCode],
  ['storeLocation', 'location_code', text],
  ['bagLabel', 'bag_label', text],
  ['windowStart', 'window_starts_at', time],
  ['windowEnd', 'window_ends_at', time],
  ['itemsCount', 'items_count', wholeNumber],
  ['bagsCount', 'bags_count', wholeNumber],
  ['weight', 'items_weight', decimal],
  ['tip', 'tip_cents', money],
];

interface Column {
  index: number;
  name: string | null;
}

function cellAt(cells: readonly string[], at: Column | null): string {
  return at ? (cells[at.index] ?? '').trim() : '';
}

/** The cell's value, or undefined when it is empty or refused (the refusal then listed in `problems`). */
function checked<T>(
  cells: readonly string[],
  at: Column | null,
  read: Reader<T>,
  line: number,
  problems: ImportProblem[],
): T | undefined {
  const cell = cellAt(cells, at);
  if (cell === '') return undefined;
  const result = read(cell);
  if (!(result instanceof Refusal)) return result;
  problems.push({ line, column: at!.name, message: result.message, hint: result.hint });
  return undefined;
}

/**
 * Reads the lines of a file with `headers` through `mapping`: the columns are looked up once here,
 * and each line answers its values or what is wrong with them.
 */
export function lineReader(
  mapping: ImportMapping,
  headers: readonly string[],
): (cells: readonly string[], line: number) => ReadLine {
  const column = (field: ImportField): Column | null => {
    const index = mapping[field];
    return index === undefined ? null : { index, name: headers[index] ?? null };
  };
  const id = column('orderId');
  const names = { first: column('firstName'), last: column('lastName'), full: column('fullName') };
  const start = column('windowStart');
  const end = column('windowEnd');
  const fields = FIELD_READERS.flatMap(([field, key, read]) => {
    const at = column(field);
    return at ? [{ at, key, read }] : [];
  });

  return (cells, line) => {
    const problems: ImportProblem[] = [];
    const idCell = cellAt(cells, id);
    const parsed = orderIdRule.safeParse(idCell);
    if (!parsed.success) {
      const empty = idCell === '';
      problems.push({
        line,
        column: id?.name ?? null,
        message: empty ? 'The order id is empty.' : (parsed.error.issues[0]?.message ?? 'Not an order id.'),
        hint: empty ? 'Give every line its order id, or remove the line.' : 'Correct the order id on this line.',
      });
    }
    const values: ShopValues = { order_id: parsed.success ? parsed.data : '' };
    let first = checked(cells, names.first, text, line, problems);
    let last = checked(cells, names.last, text, line, problems);
    const full = checked(cells, names.full, text, line, problems);
    if (full !== undefined && first === undefined && last === undefined) ({ first, last } = splitName(full));
    if (first !== undefined) values.first_name = first;
    if (last !== undefined) values.last_name = last;
    for (const field of fields) {
      const value = checked(cells, field.at, field.read, line, problems);
      if (value !== undefined) (values as unknown as Record<ValueField, string | number>)[field.key] = value;
    }
    const timeAsUtc =
      readsAsUtc(cellAt(cells, start), values.window_starts_at) ||
      readsAsUtc(cellAt(cells, end), values.window_ends_at);
    return { values: parsed.success && problems.length === 0 ? values : null, problems, timeAsUtc };
  };
}
