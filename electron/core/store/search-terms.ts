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

const SUFFIX_SPELLINGS = [...SUFFIX_FORMS.keys()];

/** The trailing digits of a phone indexed as words of their own: how people read a number back. */
const PHONE_TAILS = [7, 4] as const;

/**
 * A digit run typed at least this long with leading zeros is an order id's number printed in full
 * ("0001234"); shorter runs (a phone's last four, a postal code like 02134) are taken as typed.
 */
const PADDED_NUMBER_MIN_LENGTH = 6;

const withoutLeadingZeros = (digits: string) => digits.replace(/^0+/, '');

function phoneTerms(phoneDigits: string): string[] {
  const space = phoneDigits.indexOf(' ');
  const all = space < 0 ? phoneDigits : phoneDigits.slice(0, space);
  const terms: string[] = [];
  for (const length of PHONE_TAILS) if (all.length > length) terms.push(all.slice(-length));
  return terms;
}

/** Letters then digits, the usual shape of an order id (LM0001234): read without splitting into words. */
const LETTERS_THEN_DIGITS = /^[A-Za-z]+(\d+)$/;

function orderIdTerms(orderId: string): string[] {
  const usual = LETTERS_THEN_DIGITS.exec(orderId);
  if (usual) {
    const number = withoutLeadingZeros(usual[1]!);
    return number === '' ? [] : [number];
  }
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
const TERM_COLUMNS = Object.keys(TERMS_OF) as TermColumn[];

/** The words a field is also found by, beyond its own (folded like the index). */
export function fieldTerms(column: TermColumn, value: string | number | null | undefined): string[] {
  if (value === null || value === undefined || value === '') return [];
  return TERMS_OF[column](String(value));
}

/** The extra words stored with an order for the full-text index, or null when there are none. */
export function indexTerms(values: Record<TermColumn, string | number | null | undefined>): string | null {
  const terms = TERM_COLUMNS.flatMap((column) => fieldTerms(column, values[column]));
  return terms.length === 0 ? null : terms.join(' ');
}

/**
 * The fields whose extra words a search could match (a word of digits: the phone's and the order id's;
 * a word that is or starts a street suffix: the address's), so ranking derives only those.
 */
export function termColumnsFor(searched: readonly string[]): ReadonlySet<TermColumn> {
  const columns = new Set<TermColumn>();
  for (const word of searched) {
    if (/^\d+$/.test(word)) {
      columns.add('phone_digits');
      columns.add('order_id');
    } else if (SUFFIX_SPELLINGS.some((form) => form.startsWith(word))) columns.add('address_line_1');
  }
  return columns;
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
