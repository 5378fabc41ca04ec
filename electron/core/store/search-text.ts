import { phoneDigits } from '../../../shared/phone';
import { queryAlternatives } from './search-terms';

/** What a search box's text means to the index. */
export interface SearchText {
  /** The text as typed, trimmed: an order id is matched exactly against it. */
  exact: string;
  /** Words as the index holds them (lower case, no accents), each matched as a prefix. */
  tokens: string[];
  /** For each token, the other words it may be written as in the index (see search-terms.ts). */
  alternatives: string[][];
  /** When the text looks like a phone number written with separators, its digits run together. */
  phoneDigits: string | null;
  /** The FTS5 query, or null when the text holds no word at all. */
  match: string | null;
  /** The same query with the last word whole: the candidates tried first (see text-search.ts). */
  wholeMatch: string | null;
}

const MAX_TOKENS = 12;

/** Lower case without accents, as the index's unicode61 tokenizer with remove_diacritics sees text. */
export function fold(text: string): string {
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\u0000-\u007f]*$/.test(text);
  return (ascii ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '')).toLowerCase();
}

export function words(text: string): string[] {
  const folded = fold(text);
  // Plain ASCII (nearly every value) splits without Unicode classes, several times faster.
  // eslint-disable-next-line no-control-regex
  const separators = /^[\u0000-\u007f]*$/.test(folded) ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u;
  return folded.split(separators).filter((word) => word !== '');
}

function looksLikePhone(text: string, tokens: string[]): boolean {
  return tokens.length > 1 && /^[\d\s+().\-/]+$/.test(text) && phoneDigits(text).length >= 3;
}

/**
 * Every word must match a word of the order, the last one as a prefix since it may still be being
 * typed ("maria gar" finds Maria Garcia; the usual search-as-you-type rule). Matching every word as
 * a prefix would make "ORD-1234567" expand "ord" over every order id: measured 100x slower. A phone
 * typed with separators ("(800) 555-0101") also matches as one run of digits, and a word also matches
 * the other ways it is written (search-terms.ts: "street" finds "st"). Tokens are quoted,
 * so nothing typed is read as FTS5 syntax.
 */
export function parseSearchText(text: string): SearchText {
  const exact = text.trim();
  const tokens = words(exact).slice(0, MAX_TOKENS);
  const digits = looksLikePhone(exact, tokens) ? phoneDigits(exact) : null;
  const alternatives = tokens.map(queryAlternatives);
  if (tokens.length === 0) return { exact, tokens, alternatives, phoneDigits: null, match: null, wholeMatch: null };
  const query = (star: string) => {
    const all = tokens
      .map((token, i) => {
        const typed = `"${token}"${i === tokens.length - 1 ? star : ''}`;
        // An alternative is matched whole: "st"* would be every word starting with st.
        const others = alternatives[i]!.map((word) => ` OR "${word}"`).join('');
        return others === '' ? typed : `(${typed}${others})`;
      })
      .join(' AND ');
    return digits ? `(${all}) OR "${digits}"${star}` : all;
  };
  return { exact, tokens, alternatives, phoneDigits: digits, match: query('*'), wholeMatch: query('') };
}
