import { words } from './search-text';

/**
 * How the words people say map onto the words an order is written with, in one place for the index
 * (extra words stored with each order, see `indexTerms`) and for the search box (`queryAlternatives`).
 * The index holds the order's own text plus: the last seven and last four digits of its phone ("555-0123",
 * "0123"); its order id's digits without leading zeros ("1234" for LM0001234); and both the USPS
 * abbreviation and the full word of every street suffix ("st" and "street" for "Valencia St" or
 * "Valencia Street"). A searched word spelled another way ("Str", "Av") is also tried as the
 * abbreviation, and a number typed with its leading zeros ("0001234") also as the number.
 */

/**
 * USPS Publication 28 street suffixes: the standard abbreviation, the word in full, then other common
 * spellings that mean the same.
 */
const STREET_SUFFIXES: readonly (readonly [string, string, ...string[]])[] = [
  ['st', 'street', 'str'],
  ['ave', 'avenue', 'av', 'avn'],
  ['blvd', 'boulevard', 'blv'],
  ['dr', 'drive', 'drv'],
  ['rd', 'road'],
  ['ln', 'lane'],
  ['ct', 'court', 'crt'],
  ['pl', 'place'],
  ['ter', 'terrace', 'terr'],
  ['pkwy', 'parkway', 'pky', 'pkway'],
  ['hwy', 'highway', 'hiway'],
  ['cir', 'circle', 'circ'],
  ['sq', 'square', 'sqr'],
  ['way', 'way', 'wy'],
];

/** Every spelling of a suffix to its abbreviation and its word in full. */
const SUFFIX_FORMS = new Map<string, readonly [string, string]>(
  STREET_SUFFIXES.flatMap(([abbreviation, full, ...others]) =>
    [abbreviation, full, ...others].map((spelling): [string, readonly [string, string]] => [
      spelling,
      [abbreviation, full],
    ]),
  ),
);

/** The trailing digits of a phone indexed as words of their own: how people read a number back. */
const PHONE_TAILS = [7, 4] as const;

/**
 * A digit run typed at least this long with leading zeros is an order id's number printed in full
 * ("0001234"); shorter runs (a phone's last four, a postal code like 02134) are taken as typed.
 */
const PADDED_NUMBER_MIN_LENGTH = 6;

const withoutLeadingZeros = (digits: string) => digits.replace(/^0+/, '');

function phoneTerms(phoneDigits: string): string[] {
  const all = phoneDigits.split(' ')[0] ?? '';
  return PHONE_TAILS.filter((length) => all.length > length).map((length) => all.slice(-length));
}

function orderIdTerms(orderId: string): string[] {
  const own = new Set(words(orderId));
  const terms: string[] = [];
  for (const [run] of orderId.matchAll(/\d+/g)) {
    const number = withoutLeadingZeros(run);
    if (number !== '' && !own.has(number) && !terms.includes(number)) terms.push(number);
  }
  return terms;
}

/** Both standard forms of each suffix written, so "St", "Street" and a prefix of either ("stre") find it. */
function addressTerms(addressLine: string): string[] {
  const own = words(addressLine);
  const terms: string[] = [];
  for (const word of own) {
    for (const form of SUFFIX_FORMS.get(word) ?? []) {
      if (!own.includes(form) && !terms.includes(form)) terms.push(form);
    }
  }
  return terms;
}

const TERMS_OF = {
  order_id: orderIdTerms,
  phone_digits: phoneTerms,
  address_line_1: addressTerms,
} as const;

export type TermColumn = keyof typeof TERMS_OF;
export const TERM_COLUMNS = Object.keys(TERMS_OF) as TermColumn[];

/** The words a field is also found by, beyond its own (folded like the index). */
export function fieldTerms(column: TermColumn, value: string | number | null | undefined): string[] {
  if (value === null || value === undefined || value === '') return [];
  return TERMS_OF[column](String(value));
}

/**
 * Between the fields' words in the stored column: a separator to the tokenizer, so the index reads the
 * words alone, while ranking can tell which field each word belongs to.
 */
const FIELD_SEPARATOR = '|';

/** The extra words stored with an order (search_terms), field by field, or null when there are none. */
export function indexTerms(values: Record<TermColumn, string | number | null | undefined>): string | null {
  const fields = TERM_COLUMNS.map((column) => fieldTerms(column, values[column]).join(' '));
  return fields.every((field) => field === '') ? null : fields.join(FIELD_SEPARATOR);
}

/** A stored search_terms value read back: each field's words (space-separated), in TERM_COLUMNS order. */
export function storedTerms(stored: string | number | null | undefined): string[] {
  return stored === null || stored === undefined || stored === '' ? [] : String(stored).split(FIELD_SEPARATOR);
}

/** Other words a searched word (folded) may be written as in the index; none for most words. */
export function queryAlternatives(token: string): string[] {
  // The index holds both standard forms of a suffix, so only another spelling needs one of them.
  const forms = SUFFIX_FORMS.get(token);
  if (forms !== undefined) return forms.includes(token) ? [] : [forms[0]];
  if (/^0\d*$/.test(token) && token.length >= PADDED_NUMBER_MIN_LENGTH) {
    const number = withoutLeadingZeros(token);
    return number === '' ? [] : [number];
  }
  return [];
}
