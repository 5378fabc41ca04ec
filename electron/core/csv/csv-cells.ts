import { stringify } from 'csv-stringify/sync';

/**
 * CSV cells a spreadsheet cannot run (CSV injection, after OWASP's guidance). A spreadsheet runs a cell
 * whose first character, after any spaces, is = + - or @, and one that starts with a tab or CR; such a
 * cell gets a leading apostrophe, which makes it text, and is quoted whole. Excel in a locale whose list
 * separator is `;` (or a reader guessing `|` or tab) splits a line at that character even inside our
 * quotes, which it does not see as quotes there, and a line break inside them starts a new row: a label
 * `x;=2+5;y` would become a cell `=2+5`. The apostrophe is therefore also put in front of a formula
 * character that follows any of `,` `;` tab `|` or a line break (after spaces), and such a cell is
 * guarded whole as well: the text stays readable and every piece a split can make starts with `'`, where
 * replacing the separator would change what the user typed. An apostrophe already in either place gets
 * one more, so `unguardCell` restores every value exactly.
 */
const FORMULA_START = /^(?:[\t\r]|(?:[^\S\r\n]|")*[=+\-@'])/;
/**
 * A separator a spreadsheet may split on, then spaces or quotes (a reader drops a quote that opens a
 * piece), then (looked at, not taken) a formula character.
 */
const AFTER_SEPARATOR = /([,;\t|\r\n](?:[^\S\r\n]|")*)(?=[=+\-@'])/g;
const GUARD_AFTER_SEPARATOR = /([,;\t|\r\n](?:[^\S\r\n]|")*)'(?=[=+\-@'])/g;

export function guardCell(value: string): string {
  const inner = value.replace(AFTER_SEPARATOR, "$1'");
  return inner !== value || FORMULA_START.test(inner) ? `'${inner}` : inner;
}

export function unguardCell(value: string): string {
  return (value.startsWith("'") ? value.slice(1) : value).replace(GUARD_AFTER_SEPARATOR, '$1');
}

/** A number the console writes is a number in the sheet: -2.5 stays a value, not text. */
export type CellValue = string | number | null | undefined;

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : guardCell(value);
}

/** CSV lines for the rows, every text cell guarded, and every guarded cell quoted whole. */
export function csvLines(rows: readonly (readonly CellValue[])[]): string {
  return stringify(
    rows.map((row) => row.map(cellText)),
    { quoted_match: /^'/ },
  );
}
