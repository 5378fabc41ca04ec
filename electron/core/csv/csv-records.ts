import { CsvError, parse } from 'csv-parse/sync';
import type { LineErrors } from './line-errors';
import { Turns } from './turns';

/** One CSV record and the line of the file it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * What reads a file's records: it gets them one by one, in order, and adds its own errors to `errors`
 * (where the reader adds the lines it could not parse). `visit` answers 'stop' to read no further.
 */
export interface RecordVisitor {
  readonly errors: LineErrors;
  visit(record: CsvRecord): 'stop' | undefined;
}

/** Characters parsed at once: a few milliseconds of csv-parse on a slow machine. */
const CHUNK = 16 * 1024;
/** A chunk ends at a line end outside quotes; one still inside quotes this far on is taken as malformed. */
const MAX_CHUNK = 1024 * 1024;
const QUOTE = 34;

function describe(error: unknown): { kind: string; message: string } {
  const code = error instanceof CsvError ? error.code : '';
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return {
      kind: 'A quoted value is not closed',
      message: 'A quoted value is not closed: add the missing " at its end.',
    };
  }
  if (code === 'CSV_INVALID_CLOSING_QUOTE') {
    return {
      kind: 'A quoted value is followed by other characters',
      message: 'A quoted value is followed by other characters: quote the whole value, or remove the quotes.',
    };
  }
  if (code === 'INVALID_OPENING_QUOTE') {
    return {
      kind: 'A " appears inside a value',
      message: 'A " appears inside a value: quote the whole value and double the " inside it.',
    };
  }
  return {
    kind: 'This line is not valid CSV',
    message: `This line is not valid CSV (${error instanceof Error ? error.message : String(error)}): check its quotes and separators.`,
  };
}

/** The text with a BOM removed and CRLF or CR line ends made LF, a slice per turn. */
async function normalise(input: string, turns: Turns): Promise<string> {
  const parts: string[] = [];
  const text = input.replace(/^\uFEFF/, '');
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + MAX_CHUNK, text.length);
    // A CRLF pair is never cut in two, or it would read as two line ends.
    if (text.charCodeAt(end - 1) === 13 && end < text.length) end++;
    parts.push(text.slice(start, end).replace(/\r\n?/g, '\n'));
    start = end;
    await turns.pause();
  }
  return parts.join('');
}

/** Spreadsheets in some locales save with ; or tabs; the first line with content tells which. */
export function delimiterOf(text: string): string {
  let first = '';
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf('\n', start);
    const line = text.slice(start, nl < 0 ? text.length : nl);
    if (line.trim() !== '') {
      first = line;
      break;
    }
    start = nl < 0 ? text.length : nl + 1;
  }
  if (first.includes(',')) return ',';
  if (first.includes(';')) return ';';
  return first.includes('\t') ? '\t' : ',';
}

/** Where the chunk from `start` ends: after a line end outside quotes; -1 when none comes soon enough. */
function chunkEnd(text: string, start: number): number {
  if (text.length - start <= CHUNK) return text.length;
  let quotes = 0;
  let scanned = start;
  let end = text.indexOf('\n', start + CHUNK);
  while (end >= 0 && end - start <= MAX_CHUNK) {
    for (; scanned < end; scanned++) if (text.charCodeAt(scanned) === QUOTE) quotes++;
    if (quotes % 2 === 0) return end + 1;
    end = text.indexOf('\n', end + 1);
  }
  return end < 0 && text.length - start <= MAX_CHUNK ? text.length : -1;
}

function lineEndsIn(fields: string[]): number {
  let count = 0;
  for (const field of fields) if (field.includes('\n')) count += linesIn(field);
  return count;
}

function linesIn(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/** A record's values trimmed; null when it holds nothing. */
function recordOf(line: number, fields: string[]): CsvRecord | null {
  const trimmed = fields.map((field) => field.trim());
  return trimmed.some((field) => field !== '') ? { line, fields: trimmed } : null;
}

/** The whole file as CSV (values may span lines); false, having stopped, at the first malformed record. */
async function readWhole(text: string, delimiter: string, visitor: RecordVisitor, turns: Turns): Promise<boolean> {
  let linesBefore = 0;
  for (let start = 0; start < text.length;) {
    const end = chunkEnd(text, start);
    if (end < 0) return false;
    const chunk = text.slice(start, end);
    let parsed: { record: string[]; info: { lines: number } }[];
    try {
      // With info, each record comes wrapped with where it was read; the typings do not say so.
      parsed = parse(chunk, {
        delimiter,
        relax_column_count: true,
        // Spaces around a quoted value, as hand-edited sheets have them, are not an error.
        trim: true,
        skip_empty_lines: true,
        info: true,
      }) as unknown as typeof parsed;
    } catch {
      return false;
    }
    for (const { record, info } of parsed) {
      // info.lines is the line the record ends on; only a quoted value holds a line end of its own.
      const read = recordOf(linesBefore + info.lines - lineEndsIn(record), record);
      if (read && visitor.visit(read) === 'stop') return true;
    }
    linesBefore += linesIn(chunk);
    start = end;
    await turns.pause();
  }
  return true;
}

/** Line by line, so that one malformed line costs only itself. */
async function readByLine(text: string, delimiter: string, visitor: RecordVisitor, turns: Turns): Promise<void> {
  let line = 0;
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const content = text.slice(start, end);
    start = end + 1;
    line++;
    if (content.trim() === '') continue;
    let fields: string[] | undefined;
    if (content.indexOf('"') < 0) fields = content.split(delimiter);
    else {
      try {
        [fields] = parse(content, { delimiter, relax_column_count: true, trim: true }) as string[][];
      } catch (error) {
        const { kind, message } = describe(error);
        visitor.errors.add(kind, line, () => ({ message }));
      }
    }
    const read = fields ? recordOf(line, fields) : null;
    if (read && visitor.visit(read) === 'stop') return;
    await turns.pause();
  }
}

/**
 * Reads the records of a CSV file, with the line each starts on, into a visitor made by `begin`.
 * Tolerates a BOM, CRLF or CR line ends, blank lines, quoted values, and ; or tab separators. A file
 * with a malformed line is read again, line by line, into a fresh visitor: the malformed lines are
 * reported in its errors and the others kept (a value spanning lines is then not supported).
 * Works in turns of a few milliseconds, so other calls are answered while a large file is read.
 */
export async function readCsvRecords<V extends RecordVisitor>(input: string, begin: () => V): Promise<V> {
  const turns = new Turns();
  const text = await normalise(input, turns);
  const delimiter = delimiterOf(text);
  const whole = begin();
  if (await readWhole(text, delimiter, whole, turns)) return whole;
  await turns.next();
  const byLine = begin();
  await readByLine(text, delimiter, byLine, turns);
  return byLine;
}
