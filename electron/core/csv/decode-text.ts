import { TextDecoder } from 'node:util';
import { CoreError } from '../core-error';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Which encoding a file's first bytes say it is in. A BOM decides; without one, UTF-16 shows as a zero
 * byte in every other position of plain text (Excel's "Unicode Text" has a BOM, other tools do not).
 */
export function sniffEncoding(head: Uint8Array): { encoding: TextEncodingName; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const pairs = Math.min(64, Math.floor(head.length / 2));
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) zeroEven++;
    if (head[2 * i + 1] === 0) zeroOdd++;
  }
  if (pairs >= 2 && zeroOdd >= pairs * 0.6 && zeroEven === 0) return { encoding: 'utf-16le', bomLength: 0 };
  if (pairs >= 2 && zeroEven >= pairs * 0.6 && zeroOdd === 0) return { encoding: 'utf-16be', bomLength: 0 };
  return { encoding: 'utf-8', bomLength: 0 };
}

function notUtf8(what: string): CoreError {
  return new CoreError({
    code: 'bad_encoding',
    message: `${what} is not UTF-8 text (it looks like another encoding, such as Windows-1252 or Latin-1).`,
    hint: 'Save it again as "CSV UTF-8" (Excel: File > Save As > CSV UTF-8), then choose it again.',
  });
}

/**
 * A streaming decoder: the first chunk decides the encoding; bytes that are not valid in it are an
 * error rather than replacement characters, so "Café" in Latin-1 is never sent on as "Caf\uFFFD".
 */
export class TextDecodingStream {
  private decoder: TextDecoder | null = null;
  private pending = new Uint8Array(0);

  constructor(private readonly what = 'The file') {}

  /** Text decoded so far from `chunk` (a code point split across chunks is kept for the next one). */
  write(chunk: Uint8Array): string {
    let bytes = chunk;
    if (!this.decoder) {
      // Four bytes at least, so a BOM split across chunks is still seen.
      const joined = new Uint8Array(this.pending.length + chunk.length);
      joined.set(this.pending);
      joined.set(chunk, this.pending.length);
      if (joined.length < 4) {
        this.pending = joined;
        return '';
      }
      const { encoding, bomLength } = sniffEncoding(joined.subarray(0, 128));
      this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
      bytes = joined.subarray(bomLength);
      this.pending = new Uint8Array(0);
    }
    try {
      return this.decoder.decode(bytes, { stream: true });
    } catch {
      throw notUtf8(this.what);
    }
  }

  end(): string {
    if (!this.decoder) {
      const { encoding, bomLength } = sniffEncoding(this.pending);
      this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
      const rest = this.pending.subarray(bomLength);
      this.pending = new Uint8Array(0);
      try {
        return this.decoder.decode(rest);
      } catch {
        throw notUtf8(this.what);
      }
    }
    try {
      return this.decoder.decode();
    } catch {
      throw notUtf8(this.what);
    }
  }
}

/** A whole file's bytes as text, in UTF-8 or UTF-16 (with or without a BOM), the BOM removed. */
export function decodeText(bytes: Uint8Array, what = 'The file'): string {
  const stream = new TextDecodingStream(what);
  return stream.write(bytes) + stream.end();
}
