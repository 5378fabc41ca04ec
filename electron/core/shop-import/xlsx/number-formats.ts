/** Excel's built-in number formats that show a date or a time (ECMA-376 Part 1, 18.8.30, and East Asian locales). */
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/**
 * Whether a number format shows a date or time: a built-in one by its id, a workbook's own by its code,
 * once quoted text, escaped characters and colour or condition brackets are taken out (`[h]` stays).
 */
export function isDateFormat(id: number, custom: ReadonlyMap<number, string>): boolean {
  const code = custom.get(id);
  if (code === undefined) return BUILT_IN_DATES.has(id);
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  // The part for negative numbers and beyond follows the first ';'; a date format has its letters in the first.
  return /[dmyhs]/i.test(bare.split(';')[0] ?? '');
}

const DAY_MS = 86_400_000;
/** 1899-12-30 in the 1900 system (which counts a 29 February 1900 that never was) and 1904-01-01. */
const EPOCH_1900_MS = Date.UTC(1899, 11, 30);
const EPOCH_1904_MS = Date.UTC(1904, 0, 1);

/** A date cell's serial number as the instant Excel shows, in UTC as the workbook has no zone. */
export function serialToIso(serial: number, date1904: boolean): string {
  const ms = (date1904 ? EPOCH_1904_MS : EPOCH_1900_MS) + Math.round(serial * DAY_MS);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
