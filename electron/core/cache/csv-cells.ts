/**
 * Spreadsheets run a cell that starts with = + - @ as a formula, so such a value exported from the
 * cache could act in the user's spreadsheet (CSV injection). Such cells get a leading apostrophe,
 * as do cells already starting with one, so `unguardCell` restores every value exactly. A signed
 * plain number (a phone such as +18005550101) is no formula and is left alone.
 */
const FORMULA_START = /^[=@\t\r]|^[+-](?![\d\s().]*$)/;

export function guardCell(value: string): string {
  return FORMULA_START.test(value) || value.startsWith("'") ? `'${value}` : value;
}

export function unguardCell(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}
