import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';

export const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

export function pageSize(file: string): number {
  const header = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 2, 16);
  } finally {
    closeSync(fd);
  }
  const size = header.readUInt16BE(0);
  return size === 1 ? 65_536 : size;
}

/** Writes `length` seeded pseudo-random bytes over the file from the start of page `page` (1-based). */
export function damagePages(file: string, page: number, length: number, seed = 7): void {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, length, (page - 1) * pageSize(file));
  } finally {
    closeSync(fd);
  }
}
