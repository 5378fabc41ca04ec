import { CsvError, parse } from 'csv-parse/sync';
import type { LineError } from '../../../shared/contract';

/** One CSV record and the line of the file it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

function describe(error: unknown): string {
  const code = error instanceof CsvError ? error.code : '';
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'A quoted value is not closed: add the missing " at its end.';
  if (code === 'CSV_INVALID_CLOSING_QUOTE') {
    return 'A quoted value is followed by other characters: quote the whole value, or remove the quotes.';
  }
  if (code === 'INVALID_OPENING_QUOTE') {
    return 'A " appears inside a value: quote the whole value and double the " inside it.';
  }
  return `This line is not valid CSV (${error instanceof Error ? error.message : String(error)}): check its quotes and separators.`;
}

/** Spreadsheets in some locales save with ; or tabs; the first line with content tells which. */
export function delimiterOf(text: string): string {
  const first = text.split('\n').find((line) => line.trim() !== '') ?? '';
  if (first.includes(',')) return ',';
  if (first.includes(';')) return ';';
  return first.includes('\t') ? '\t' : ',';
}

function parseWhole(text: string, delimiter: string): CsvRecord[] {
  // With info and raw, each record comes wrapped with where it was read; the typings do not say so.
  const parsed = parse(text, {
    delimiter,
    relax_column_count: true,
    // Spaces around a quoted value, as hand-edited sheets have them, are not an error.
    trim: true,
    skip_empty_lines: true,
    info: true,
    raw: true,
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  return parsed.map(({ record, info, raw }) => {
    // raw starts with the blank lines skipped before the record; info.lines is the line it ends on.
    const body = raw.replace(/^(?:[^\S\n]*\n)+/, '').replace(/\n$/, '');
    return { line: info.lines - (body.match(/\n/g)?.length ?? 0), fields: record };
  });
}

/** Line by line, so that one malformed line costs only itself. */
function parseByLine(text: string, delimiter: string, errors: LineError[]): CsvRecord[] {
  const records: CsvRecord[] = [];
  text.split('\n').forEach((content, index) => {
    if (content.trim() === '') return;
    try {
      const [fields] = parse(content, { delimiter, relax_column_count: true, trim: true });
      if (fields) records.push({ line: index + 1, fields });
    } catch (error) {
      errors.push({ line: index + 1, message: describe(error) });
    }
  });
  return records;
}

/**
 * The records of a CSV file with the line each starts on. Tolerates a BOM, CRLF or CR line ends, blank
 * lines, quoted values, and ; or tab separators. A malformed line is reported in `errors` and the
 * others are kept (the file is then read line by line, so a value spanning lines is not supported there).
 */
export function readCsvRecords(input: string): { records: CsvRecord[]; errors: LineError[] } {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const delimiter = delimiterOf(text);
  const errors: LineError[] = [];
  let records: CsvRecord[];
  try {
    records = parseWhole(text, delimiter);
  } catch {
    records = parseByLine(text, delimiter, errors);
  }
  const trimmed = records
    .map((record) => ({ line: record.line, fields: record.fields.map((field) => field.trim()) }))
    .filter((record) => record.fields.some((field) => field !== ''));
  return { records: trimmed, errors };
}
