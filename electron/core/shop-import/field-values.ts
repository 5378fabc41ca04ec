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

type Reading<T> = { value: T } | { message: string; hint: string };

const MAX_TEXT = 256;

function text(cell: string): Reading<string> {
  if (cell.length > MAX_TEXT) return { message: `Longer than ${MAX_TEXT} characters.`, hint: 'Shorten the value.' };
  return { value: cell };
}

const US_ZIP = /^\d{5}(?:-\d{4})?$/;
const CA_POSTAL = /^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/;

function postalCode(cell: string): Reading<string> {
  if (US_ZIP.test(cell)) return { value: cell };
  if (CA_POSTAL.test(cell)) return { value: cell.toUpperCase().replace(/^(...) ?/, '$1 ') };
  if (/^\d{3,4}$/.test(cell)) {
    return {
      message: `"${cell}" is too short for a ZIP code: it looks like one that lost its leading zeros.`,
      hint: 'Format the column as text in the spreadsheet so 02134 stays 02134, and export again.',
    };
  }
  return {
    message: `"${cell.slice(0, 20)}" is not a ZIP or postal code.`,
    hint: 'Use 5 digits (94110), ZIP+4 (94110-1234) or a Canadian code (M5V 2T6).',
  };
}

function wholeNumber(cell: string): Reading<number> {
  const n = Number(cell.replace(/,/g, ''));
  if (!/^\d[\d,]*$/.test(cell) || !Number.isSafeInteger(n) || n > 100_000) {
    return { message: `"${cell.slice(0, 20)}" is not a whole number.`, hint: 'Use a count such as 12.' };
  }
  return { value: n };
}

function decimal(cell: string): Reading<number> {
  const n = Number(cell.replace(/,/g, ''));
  if (!/^\d[\d,]*(?:\.\d+)?$/.test(cell) || !Number.isFinite(n) || n > 100_000) {
    return { message: `"${cell.slice(0, 20)}" is not a number.`, hint: 'Use a number such as 12.5, without units.' };
  }
  return { value: n };
}

function money(cell: string): Reading<number> {
  const bare = cell.replace(/^\$\s*/, '');
  if (!/^\d+(?:\.\d{1,2})?$/.test(bare)) {
    return { message: `"${cell.slice(0, 20)}" is not an amount.`, hint: 'Use dollars and cents, such as 5.00.' };
  }
  return { value: Math.round(Number(bare) * 100) };
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const WITHOUT_OFFSET = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/;

/**
 * A delivery time: ISO 8601 with its offset, kept as written, or "YYYY-MM-DD HH:MM", read as UTC until
 * the console knows each store's time zone.
 */
function time(cell: string): Reading<{ iso: string; utc: boolean }> {
  if (WITH_OFFSET.test(cell) && !Number.isNaN(Date.parse(cell))) return { value: { iso: cell, utc: false } };
  const bare = WITHOUT_OFFSET.exec(cell);
  const ms = bare ? Date.parse(`${bare[1]}T${bare[2]}Z`) : NaN;
  if (!Number.isNaN(ms)) return { value: { iso: new Date(ms).toISOString(), utc: true } };
  return {
    message: `"${cell.slice(0, 30)}" is not a date and time the console can read.`,
    hint: 'Use ISO 8601 with an offset (2026-03-14T09:00:00-07:00) or "2026-03-14 09:00".',
  };
}

/** "Marcus Lee" and "Lee, Marcus" -> Marcus / Lee; one word is a first name. */
export function splitName(full: string): { first: string; last?: string } {
  const comma = full.indexOf(',');
  if (comma > 0) return { first: full.slice(comma + 1).trim(), last: full.slice(0, comma).trim() };
  const space = full.lastIndexOf(' ');
  return space > 0 ? { first: full.slice(0, space).trim(), last: full.slice(space + 1) } : { first: full };
}

/** One line of the export read through the mapping: its values, or what is wrong with them. */
export function readLine(
  cells: readonly string[],
  mapping: ImportMapping,
  headers: readonly string[],
  line: number,
): ReadLine {
  const problems: ImportProblem[] = [];
  let timeAsUtc = false;
  const cellOf = (field: ImportField) => {
    const index = mapping[field];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const check = <T>(field: ImportField, read: (cell: string) => Reading<T>): T | undefined => {
    const cell = cellOf(field);
    if (cell === '') return undefined;
    const result = read(cell);
    if ('value' in result) return result.value;
    problems.push({ line, column: headers[mapping[field]!] ?? null, message: result.message, hint: result.hint });
    return undefined;
  };

  const id = orderIdRule.safeParse(cellOf('orderId'));
  if (!id.success) {
    const column = mapping.orderId === undefined ? null : (headers[mapping.orderId] ?? null);
    const empty = cellOf('orderId') === '';
    problems.push({
      line,
      column,
      message: empty ? 'The order id is empty.' : (id.error.issues[0]?.message ?? 'Not an order id.'),
      hint: empty ? 'Give every line its order id, or remove the line.' : 'Correct the order id on this line.',
    });
  }
  const values: Partial<ShopValues> = {};
  const put = <K extends keyof ShopValues>(key: K, value: ShopValues[K] | undefined) => {
    if (value !== undefined) values[key] = value;
  };
  put('user_id', check('userId', text));
  put('first_name', check('firstName', text));
  put('last_name', check('lastName', text));
  const full = check('fullName', text);
  if (full !== undefined && values.first_name === undefined && values.last_name === undefined) {
    const name = splitName(full);
    put('first_name', name.first);
    put('last_name', name.last);
  }
  put(
    'phone',
    check('phone', (cell) => {
      const read = readPhone(cell);
      return read.ok ? { value: read.e164 } : read;
    }),
  );
  put('address_line_1', check('addressLine1', text));
  put('address_line_2', check('addressLine2', text));
  put('postal_code', check('postalCode', postalCode));
  put('location_code', check('storeLocation', text));
  put('bag_label', check('bagLabel', text));
  for (const [field, key] of [
    ['windowStart', 'window_starts_at'],
    ['windowEnd', 'window_ends_at'],
  ] as const) {
    const read = check(field, time);
    if (read) {
      values[key] = read.iso;
      timeAsUtc ||= read.utc;
    }
  }
  put('items_count', check('itemsCount', wholeNumber));
  put('bags_count', check('bagsCount', wholeNumber));
  put('items_weight', check('weight', decimal));
  put('tip_cents', check('tip', money));
  if (!id.success || problems.length > 0) return { values: null, problems, timeAsUtc };
  return { values: { ...values, order_id: id.data }, problems, timeAsUtc };
}
