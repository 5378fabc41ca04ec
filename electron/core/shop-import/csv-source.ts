import { createReadStream } from 'node:fs';
import { Transform, pipeline } from 'node:stream';
import { CoreError } from '../core-error';
import { TextDecodingStream } from '../csv/decode-text';
import { CsvScanError, CsvScanner } from './csv-scanner';
import type { SheetRow } from './sheet-source';

/** A line this long is not an order: a file with one is refused rather than held in memory. */
export const MAX_LINE_CHARS = 1_000_000;

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The separator of a header line: whichever of , ; tab | appears most often outside quotes. */
export function sniffDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

function decoding(what: string): Transform {
  const decoder = new TextDecodingStream(what);
  // Text out as strings: the scanner reads them as they are, with no round trip through bytes.
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      try {
        done(null, decoder.write(chunk));
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        done(null, decoder.end());
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/** The first line of the file as text (its header), read without the rest. */
async function headerLine(path: string): Promise<string> {
  let text = '';
  const head = pipeline(createReadStream(path), decoding('The file'), () => {});
  for await (const piece of head) {
    text += String(piece);
    const end = text.search(/\r?\n/);
    if (end >= 0) return text.slice(0, end);
    if (text.length > MAX_LINE_CHARS) break;
  }
  head.destroy();
  return text;
}

function csvProblem(error: unknown): unknown {
  if (!(error instanceof CsvScanError)) return error;
  if (error.kind === 'too_long') {
    return new CoreError({
      code: 'import_line_too_long',
      message: `Line ${error.line} is longer than ${MAX_LINE_CHARS.toLocaleString('en-US')} characters: it is not an order line.`,
      hint: 'Check that a quoted value is closed on that line, or export the file again.',
    });
  }
  return new CoreError({
    code: 'import_bad_csv',
    message: `Line ${error.line} is not valid CSV: a quote is not closed or is followed by other characters.`,
    hint: 'Quote the whole value and double any " inside it, or export the file again from the shop system.',
  });
}

/** The file's records one at a time, each with the line it starts on; the first is the header. */
export async function* csvRows(path: string): AsyncGenerator<SheetRow> {
  const scanner = new CsvScanner(sniffDelimiter(await headerLine(path)), MAX_LINE_CHARS);
  // pipeline, not pipe: a decoding error must end the text, or the loop below would wait forever.
  const text = pipeline(createReadStream(path), decoding('The file'), () => {});
  const rowsOf = (records: ReturnType<CsvScanner['push']>) =>
    records.map((record) => ({ line: record.line, cells: record.cells.map((cell) => cell.trim()) }));
  try {
    for await (const piece of text) yield* rowsOf(scanner.push(String(piece)));
    yield* rowsOf(scanner.end());
  } catch (error) {
    throw csvProblem(error);
  } finally {
    text.destroy();
  }
}
