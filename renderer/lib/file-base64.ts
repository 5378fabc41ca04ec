import type { CsvFile } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { MAX_CSV_BYTES } from '../../shared/limits';

/** Bytes turned into a string per call to btoa: small enough for String.fromCharCode's argument list. */
const SLICE = 0x8000;

/** Bytes as base64, without a data URL's prefix. */
export function base64Of(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += SLICE) {
    parts.push(String.fromCharCode(...bytes.subarray(start, start + SLICE)));
  }
  return btoa(parts.join(''));
}

/**
 * A chosen file as its bytes, for the core to decode: File.text() would replace every byte that is not
 * UTF-8 with U+FFFD, so a Latin-1 "Café" would be staged as "Caf\uFFFD" instead of being refused.
 */
export async function csvFileOf(file: File): Promise<CsvFile | AppError> {
  if (file.size > MAX_CSV_BYTES) {
    return {
      code: 'too_large',
      message: `${file.name} is larger than 20 MB.`,
      hint: 'Split it into smaller sheets and stage them one after the other.',
    };
  }
  return { kind: 'csv-file', name: file.name, base64: base64Of(new Uint8Array(await file.arrayBuffer())) };
}
