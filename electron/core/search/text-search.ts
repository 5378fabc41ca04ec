import type { ParsedSearchQuery } from '../../../shared/contract';
import type { SummaryRow } from '../store/order-row';
import { SEARCH_COLUMNS } from '../store/order-row';
import type { All } from './search-statements';
import { summariesById } from './search-statements';
import { filterCondition, filterMatch } from './search-filters';
import type { RankRow } from './search-rank';
import { RANK_COLUMNS, rankRows } from './search-rank';
import { parseSearchText } from '../store/search-text';

const rankColumns = RANK_COLUMNS.map((column) => `o.${column}`).join(', ');

const SEPARATOR = '\u001f';
/**
 * A candidate's searched fields read as one text (a null as empty, which ranks the same): reading
 * values out of SQLite is most of a candidate's cost, and one value costs about a third of seven.
 */
const candidateColumns = `o.id, o.window_start_ms, ${SEARCH_COLUMNS.map((field) => `ifnull(o.${field}, '')`).join(
  ` || char(${SEPARATOR.charCodeAt(0)}) || `,
)} AS searched`;

interface Candidate {
  id: number;
  window_start_ms: number | null;
  searched: string;
}

/** The candidate as ranking reads it, or null when a field itself holds the separator (then read apart). */
function toRankRow({ id, window_start_ms, searched }: Candidate): RankRow | null {
  const fields = searched.split(SEPARATOR);
  if (fields.length !== SEARCH_COLUMNS.length) return null;
  const [order_id, first_name, last_name, phone_digits, address_line_1, postal_code, bag_label] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { id, window_start_ms, order_id, first_name, last_name, phone_digits, address_line_1, postal_code, bag_label };
}

export interface FoundPage {
  rows: SummaryRow[];
  total: number;
  totalIsCapped: boolean;
}

/**
 * A search with filters reads its newest matches this far, each looked up by id to test the filters.
 * When they keep few of them, it starts from the filters instead: a name with a store and a day
 * over a million orders looked up 15,000 orders by id for 26 (100 ms). Two hundred tell a common
 * filter from a rare one as well as a thousand did; when the filters keep few, the lookups are lost,
 * and a thousand of them were 2 ms of the 14 ms of a name with a store and a day.
 */
const MATCH_WINDOW = 200;
/** Below this share of matches kept by the filters, the filters' index is read instead. */
const FEW_KEPT = 0.1;

/** A last word this long that already matches whole words is taken as typed to its end. */
const WHOLE_WORD_LENGTH = 3;

/**
 * Candidates, then ranking. At most `cap` candidates are ranked (`shortCap` for one word of one or
 * two letters), the most recently cached first: ranking every match of a short prefix over a million
 * orders cannot fit in a keystroke, and past that many the user narrows the search rather than scrolls.
 * The last word is first matched whole. The prefix query runs only when that finds nothing, or the
 * word is shorter than WHOLE_WORD_LENGTH, and there is still room: FTS5 answers a prefix by merging
 * the lists of every word that starts with it, 10 to 15 times dearer than one word's list ("garcia*"
 * against "garcia" over a million orders). So "garc" finds Garcia, "garcia" finds Garcia only, and
 * "ga" finds both Ga and Garcia.
 */
export function textSearch(
  all: All,
  environmentId: string,
  query: ParsedSearchQuery,
  now: number,
  caps: { cap: number; shortCap: number },
): FoundPage {
  const text = parseSearchText(query.text);
  const short = text.tokens.length === 1 && text.tokens[0]!.length < WHOLE_WORD_LENGTH;
  const cap = short ? caps.shortCap : caps.cap;
  const where = filterCondition(environmentId, query, now);
  const filtered = Object.keys(where.params).length > 1;
  const read = (sql: string, match: string) =>
    all<Candidate>(sql, { ...where.params, match }).map(
      (candidate) =>
        toRankRow(candidate) ??
        all<RankRow>(`SELECT ${rankColumns} FROM orders o WHERE o.id = @id`, { id: candidate.id })[0]!,
    );
  // CROSS JOIN: the matches drive, each looked up by id; SQLite may otherwise scan a store's index whole.
  const fromMatches = (matches: string) =>
    `SELECT ${candidateColumns} FROM ${matches} f CROSS JOIN orders o ON o.id = f.rowid
     WHERE ${where.sql} ORDER BY f.rowid DESC LIMIT ${cap + 1}`;
  const filterWords = filtered ? filterMatch(query) : null;
  const candidates = (textMatch: string): RankRow[] => {
    if (!filtered) return read(fromMatches('(SELECT rowid FROM orders_fts WHERE orders_fts MATCH @match)'), textMatch);
    // The index intersects the text's matches with the filters' words: when those are the filters
    // exactly, its matches are the candidates, newest first, and only the page's worth are read.
    const match = filterWords ? `(${textMatch}) AND ${filterWords.match}` : textMatch;
    if (filterWords?.exact) {
      return read(fromMatches('(SELECT rowid FROM orders_fts WHERE orders_fts MATCH @match)'), match);
    }
    const recent = read(
      fromMatches(
        `(SELECT rowid FROM orders_fts WHERE orders_fts MATCH @match ORDER BY rowid DESC LIMIT ${MATCH_WINDOW})`,
      ),
      match,
    );
    if (recent.length > cap) return recent;
    const matched = all<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT rowid FROM orders_fts WHERE orders_fts MATCH @match LIMIT ${MATCH_WINDOW})`,
      { match },
    )[0]!.n;
    if (matched < MATCH_WINDOW) return recent;
    // The filters keep a good share of the matches (a common status): the rest are near.
    if (recent.length >= MATCH_WINDOW * FEW_KEPT) {
      return read(fromMatches('(SELECT rowid FROM orders_fts WHERE orders_fts MATCH @match)'), match);
    }
    // They keep few (a store's day): start from the filters' own index instead ("+" keeps SQLite from
    // looking each match up by id, which is what proved slow) and keep the matches among those rows.
    return read(
      `SELECT ${candidateColumns} FROM orders o WHERE ${where.sql}
       AND +o.id IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH @match)
       ORDER BY o.id DESC LIMIT ${cap + 1}`,
      match,
    );
  };
  const byId = new Map<number, RankRow>();
  const add = (rows: RankRow[]) => {
    for (const row of rows) if (byId.size <= cap && !byId.has(row.id)) byId.set(row.id, row);
  };
  add(
    all<RankRow>(`SELECT ${rankColumns} FROM orders o WHERE ${where.sql} AND o.order_id = @exact`, {
      ...where.params,
      exact: text.exact,
    }),
  );
  if (text.match && text.wholeMatch) {
    const whole = candidates(text.wholeMatch);
    add(whole);
    const typing = whole.length === 0 || text.tokens.at(-1)!.length < WHOLE_WORD_LENGTH;
    if (typing && byId.size <= cap) add(candidates(text.match));
  }
  const capped = byId.size > cap;
  const ranked = rankRows([...byId.values()].slice(0, cap), text, now);
  const page = ranked.slice(query.offset, query.offset + query.limit);
  return {
    rows: summariesById(
      all,
      page.map((row) => row.id),
    ),
    total: ranked.length,
    totalIsCapped: capped,
  };
}
