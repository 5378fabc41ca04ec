import type { CsvFile } from '../../../shared/contract';
import { TextDecodingStream } from './decode-text';
import { Turns } from './turns';

/** Bytes decoded at once: a few milliseconds of work. */
const SLICE = 1024 * 1024;

/**
 * The text of a file sent as its bytes: UTF-8 or UTF-16 (with or without a BOM), decoded a slice per
 * turn; any other encoding throws `bad_encoding` naming the file ("save it as CSV UTF-8").
 */
export async function fileText(file: CsvFile): Promise<string> {
  const bytes = Buffer.from(file.base64, 'base64');
  const decoder = new TextDecodingStream(`The file "${file.name}"`);
  const turns = new Turns();
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += SLICE) {
    parts.push(decoder.write(bytes.subarray(start, start + SLICE)));
    await turns.pause();
  }
  parts.push(decoder.end());
  return parts.join('');
}
