import type { SqlValue } from './order-row';

/**
 * The search filters an order is found by, as words of the full-text index: its store, its status,
 * the UTC day its window starts in, and that day and store as one word. A text search with filters is
 * then one FTS5 query that intersects the text's matches with the filters' lists, instead of looking
 * every match up in `orders` (or every row of a store's day up in the index) to keep those the filters
 * allow: at a million orders that intersection was 6 to 10 ms of a name searched with a status or a
 * store and day. The store and day word keeps the second case from walking a whole store's list and a
 * whole day's (migration 0024).
 *
 * Each word starts with three private-use characters: the index's tokenizer keeps them as letters, and
 * the search box's words can never hold one (search-text.ts splits on anything but letters and digits),
 * so no typed word, nor any prefix typed, matches these. Three, so that the index's one, two and three
 * character prefix lists each gain one list for all of them rather than one per store, status and day.
 * Store and status are written in hex: they may hold characters the tokenizer would split on. The
 * store and day word puts the day's digits first and an `x`, which no hex digit is, between them.
 *
 * The view of migration 0024 computes the same text in SQL, for FTS5's rebuild; the writers compute it
 * here for each row they index, and a test holds the two to the same text.
 */
const MARK = '\uE000\uE000\uE000';
export const DAY_MS = 86_400_000;

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex').toUpperCase();

export const storeTerm = (store: string) => `${MARK}s${hex(store)}`;
export const statusTerm = (status: string) => `${MARK}t${hex(status)}`;
/** `day` is the window's start in whole UTC days since 1970 (a window before 1970 has no day word). */
export const dayTerm = (day: number) => `${MARK}d${day}`;
/** The store and the day together, which a store's day is found by in one list. */
export const storeDayTerm = (store: string, day: number) => `${MARK}p${day}x${hex(store)}`;
export const dayOf = (ms: number) => Math.trunc(ms / DAY_MS);

export interface FilterTermValues {
  store_location: SqlValue;
  status: SqlValue;
  window_start_ms: SqlValue;
}

export function filterTerms(values: FilterTermValues): string {
  const store = values.store_location === null ? '' : String(values.store_location);
  const status = statusTerm(values.status === null ? '' : String(values.status));
  const ms = values.window_start_ms;
  if (ms === null || Number(ms) < 0) return `${storeTerm(store)} ${status}`;
  const day = dayOf(Number(ms));
  return `${storeTerm(store)} ${status} ${dayTerm(day)} ${storeDayTerm(store, day)}`;
}
