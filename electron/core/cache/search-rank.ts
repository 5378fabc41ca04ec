import type { SummaryRow } from './order-row';
import type { SearchText } from './search-text';
import { words } from './search-text';

/** How much a word found in each field says about the order being the one meant. */
const FIELD_WEIGHTS = [
  ['order_id', 8],
  ['phone_digits', 6],
  ['bag_label', 5],
  ['last_name', 4],
  ['first_name', 3],
  ['postal_code', 3],
  ['address_line_1', 2],
] as const satisfies readonly (readonly [keyof SummaryRow, number])[];

/**
 * Match quality of one row: for each word searched, the best field holding it, counted double when
 * the word being typed (the last) is already whole. Computed here on the candidate rows because FTS5's bm25 cost
 * about 20 µs a row here, which a thousand candidates cannot afford within one keystroke.
 */
export function matchScore(row: SummaryRow, text: SearchText): number {
  const fields = FIELD_WEIGHTS.map(([field, weight]) => {
    const value = row[field];
    return { weight, words: value === null ? [] : words(String(value)) };
  });
  let score = 0;
  const last = text.tokens.length - 1;
  text.tokens.forEach((token, t) => {
    let best = 0;
    for (const field of fields) {
      for (const word of field.words) {
        const quality = word === token ? 2 : t === last && word.startsWith(token) ? 1 : 0;
        best = Math.max(best, quality * field.weight);
      }
    }
    score += best;
  });
  if (text.phoneDigits !== null) {
    const digits = String(row.phone_digits ?? '').split(' ');
    const quality = digits.includes(text.phoneDigits) ? 2 : digits.some((d) => d.startsWith(text.phoneDigits!)) ? 1 : 0;
    score = Math.max(score, quality * 6 * text.tokens.length);
  }
  return score;
}

/** Exact order id first, then the best match, then the window nearest to now, then the newest. */
export function rankRows(rows: SummaryRow[], text: SearchText, nowMs: number): SummaryRow[] {
  const keyed = rows.map((row) => ({
    row,
    exact: row.order_id === text.exact ? 1 : 0,
    score: matchScore(row, text),
    distance: row.window_start_ms === null ? Infinity : Math.abs(Number(row.window_start_ms) - nowMs),
  }));
  keyed.sort((a, b) => b.exact - a.exact || b.score - a.score || a.distance - b.distance || b.row.id - a.row.id);
  return keyed.map((k) => k.row);
}
