import type { Database } from 'better-sqlite3';
import type { ImportProblem } from '../../../shared/contract';
import { CoreError } from '../core-error';
import type { ShopValues } from './field-values';
import { readLine } from './field-values';
import type { ExportKind } from './file-kind';
import type { ImportJournal, JobRecord } from './import-journal';
import type { SheetRow } from './sheet-source';
import { sheetRows } from './sheet-source';
import type { ShopWriter } from './shop-writer';

/** Orders per transaction: big enough that commits cost little, small enough that a crash loses seconds. */
export const BATCH_LINES = 2_000;

export interface ReaderDeps {
  db: Database;
  journal: ImportJournal;
  writer: ShopWriter;
  now: () => number;
  /** Orders whose window starts before this are kept as the shop's record and not fetched now. */
  liveFromMs: () => number;
  /** Checked between batches: a cancel or a close stops the read there. */
  stopped: () => boolean;
  /** Told after each batch is committed (progress). */
  onBatch: () => void;
}

/**
 * Reads the export into the cache, batch by batch; each batch's orders, journal rows, counts, problems
 * and `lines_done` commit together, so a read resumed after a crash skips exactly what was written.
 */
export async function readExport(deps: ReaderDeps, job: JobRecord, path: string, kind: ExportKind): Promise<void> {
  const { journal } = deps;
  let headers: string[] | null = null;
  let batch: SheetRow[] = [];
  const commit = deps.db.transaction((rows: SheetRow[]) => {
    const problems: ImportProblem[] = [];
    const at = deps.now();
    for (const row of rows) {
      job.counts.lines++;
      const read = readLine(row.cells, job.mapping, headers!, row.line);
      job.timesAsUtc ||= read.timeAsUtc;
      if (!read.values) {
        job.counts.refused++;
        problems.push(...read.problems);
      } else if (!addOrder(deps, job, read.values, row.line, at, problems)) {
        job.counts.refused++;
      }
      job.linesDone = row.line;
    }
    journal.addProblems(job, problems);
    journal.save(job, at);
  });
  for await (const row of sheetRows(path, kind, job.sheet ?? undefined)) {
    if (!headers) {
      headers = row.cells;
      continue;
    }
    if (row.line <= job.linesDone || row.cells.every((cell) => cell === '')) continue;
    batch.push(row);
    if (batch.length >= BATCH_LINES) {
      commit(batch);
      batch = [];
      deps.onBatch();
      if (deps.stopped()) return;
      // Other channels' calls are served between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (batch.length > 0) commit(batch);
  if (!headers)
    throw new CoreError({ code: 'import_empty', message: 'The file is empty.', hint: 'Export the orders again.' });
}

function addOrder(
  deps: ReaderDeps,
  job: JobRecord,
  values: ShopValues,
  line: number,
  at: number,
  problems: ImportProblem[],
) {
  const window = values.window_starts_at ? Date.parse(values.window_starts_at) : null;
  const earlier = deps.journal.addRow(job.id, values.order_id, values.user_id ?? null, line, window, 'skipped');
  if (earlier !== null) {
    problems.push({
      line,
      column: null,
      message: `Order ${values.order_id.slice(0, 64)} is also on line ${earlier}; this later line was not imported.`,
      hint: 'Keep one line per order in the export (the first one was imported).',
    });
    return false;
  }
  const written = deps.writer.write(job.environmentId, values, at);
  job.counts[written.result === 'created' ? 'created' : written.result]++;
  if (written.checked) return true;
  const live = written.windowStartMs === null || written.windowStartMs >= deps.liveFromMs();
  deps.journal.setRow(job.id, values.order_id, live ? 'pending' : 'deferred');
  job.counts[live ? 'toFetch' : 'deferred']++;
  return true;
}
