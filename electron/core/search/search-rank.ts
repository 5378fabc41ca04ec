import type { SearchColumn, SummaryRow } from '../store/order-row';
import { SEARCH_COLUMNS } from '../store/order-row';

/** What ranking reads of a row: the searched fields and the window. */
export type RankRow = Pick<SummaryRow, 'id' | 'window_start_ms' | SearchColumn>;
export const RANK_COLUMNS: readonly (keyof RankRow)[] = ['id', ...SEARCH_COLUMNS, 'window_start_ms'];
import type { TermColumn } from '../store/search-terms';
import { fieldTerms, termColumnsFor } from '../store/search-terms';
import type { SearchText } from '../store/search-text';
import { fold } from '../store/search-text';

/** How much a word found in each field says about the order being the one meant. */
const FIELD_WEIGHTS = [
  ['order_id', 8],
  ['phone_digits', 6],
  ['bag_label', 5],
  ['last_name', 4],
  ['first_name', 3],
  ['postal_code', 3],
  ['address_line_1', 2],
] as const satisfies readonly (readonly [keyof RankRow, number])[];

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A letter or digit; plain ASCII (nearly every value) is told by its code, without the Unicode classes. */
function isWordChar(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return WORD_CHAR.test(char);
}

/**
 * How well `token` (folded) sits in `value` (folded): 2 as a whole word, 1 as the start of a word
 * when prefixes count, else 0. Scans in place rather than splitting into words: this runs for every
 * field of every candidate on each keystroke.
 */
function wordQuality(value: string, token: string, prefixCounts: boolean): number {
  let best = 0;
  for (let at = value.indexOf(token); at >= 0; at = value.indexOf(token, at + 1)) {
    if (isWordChar(value[at - 1])) continue;
    if (!isWordChar(value[at + token.length])) return 2;
    if (prefixCounts) best = 1;
  }
  return best;
}

/**
 * A field as the index reads it: its own words (folded) and, when the search could match them, the
 * extra words it is also found by. Derived here rather than read from search_terms: that column sits
 * after the raw answer in the row, and reading it would cost every candidate the raw answer's pages.
 */
function searchedText(field: keyof RankRow, raw: string | number, termColumns: ReadonlySet<string>): string {
  const value = fold(String(raw));
  if (!termColumns.has(field)) return value;
  const terms = fieldTerms(field as TermColumn, raw);
  return terms.length === 0 ? value : `${value} ${terms.join(' ')}`;
}

/**
 * Match quality of one row: for each word searched, the best field holding it, counted double when
 * the word being typed (the last) is already whole. Computed here on the candidate rows because
 * FTS5's bm25 cost about 20 µs a row here, which a thousand candidates cannot afford per keystroke.
 */
export function matchScore(row: RankRow, text: SearchText, termColumns = termColumnsOf(text)): number {
  const last = text.tokens.length - 1;
  // The best weighted quality of each word, filled field by field: each field is folded once per row.
  const best = text.tokens.map(() => 0);
  let phone = '';
  for (const [field, weight] of FIELD_WEIGHTS) {
    const raw = row[field];
    if (raw === null || raw === '') continue;
    const value = searchedText(field, raw, termColumns);
    if (field === 'phone_digits') phone = value;
    for (let t = 0; t <= last; t++) {
      let quality = wordQuality(value, text.tokens[t]!, t === last);
      // The other spellings of a word are matched whole, as the index matches them.
      const others = text.alternatives[t]!;
      for (let a = 0; a < others.length && quality < 2; a++) {
        quality = Math.max(quality, wordQuality(value, others[a]!, false));
      }
      if (quality * weight > best[t]!) best[t] = quality * weight;
    }
  }
  let score = best.reduce((sum, quality) => sum + quality, 0);
  if (text.phoneDigits !== null) {
    const quality = wordQuality(phone, text.phoneDigits, true);
    score = Math.max(score, quality * 6 * text.tokens.length);
  }
  return score;
}

function termColumnsOf(text: SearchText): ReadonlySet<string> {
  return termColumnsFor([...text.tokens, ...text.alternatives.flat(), ...(text.phoneDigits ? [text.phoneDigits] : [])]);
}

/** Exact order id first, then the best match, then the window nearest to now, then the newest. */
export function rankRows<R extends RankRow>(rows: R[], text: SearchText, nowMs: number): R[] {
  const termColumns = termColumnsOf(text);
  const keyed = rows.map((row) => ({
    row,
    exact: row.order_id === text.exact ? 1 : 0,
    score: matchScore(row, text, termColumns),
    distance: row.window_start_ms === null ? Infinity : Math.abs(Number(row.window_start_ms) - nowMs),
  }));
  keyed.sort((a, b) => b.exact - a.exact || b.score - a.score || a.distance - b.distance || b.row.id - a.row.id);
  return keyed.map((k) => k.row);
}
