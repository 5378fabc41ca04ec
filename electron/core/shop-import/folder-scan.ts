import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** A file seen in a watched folder at one scan. */
export interface SeenFile {
  fileName: string;
  size: number;
  mtimeMs: number;
}

const EXPORT_EXTENSIONS = new Set(['.csv', '.xlsx']);

/**
 * Lists the exports in `folder`. Other files and vanished entries are left out: the back office may
 * drop notes or temporary copies there, and a file can be moved away between listing and stat.
 */
export async function listExports(folder: string): Promise<SeenFile[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const seen: SeenFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !EXPORT_EXTENSIONS.has(extname(entry.name).toLowerCase())) continue;
    try {
      const info = await stat(join(folder, entry.name));
      seen.push({ fileName: entry.name, size: info.size, mtimeMs: Math.trunc(info.mtimeMs) });
    } catch {
      continue;
    }
  }
  return seen.sort((a, b) => a.fileName.localeCompare(b.fileName));
}

/**
 * Tells which files have stopped growing: a file counts as complete only once two scans, at least
 * `settleMs` apart, saw the same size and mtime, so a half-copied export is never read.
 */
export class SettleTracker {
  private readonly pending = new Map<string, SeenFile & { sinceMs: number }>();

  constructor(private readonly settleMs: number) {}

  /** Feeds one scan taken at `nowMs`; answers the files that are complete now. */
  settled(scan: readonly SeenFile[], nowMs: number): SeenFile[] {
    const names = new Set(scan.map((f) => f.fileName));
    for (const name of this.pending.keys()) if (!names.has(name)) this.pending.delete(name);
    const ready: SeenFile[] = [];
    for (const file of scan) {
      const before = this.pending.get(file.fileName);
      if (!before || before.size !== file.size || before.mtimeMs !== file.mtimeMs) {
        this.pending.set(file.fileName, { ...file, sinceMs: nowMs });
      } else if (nowMs - before.sinceMs >= this.settleMs) {
        ready.push(file);
      }
    }
    return ready;
  }
}
