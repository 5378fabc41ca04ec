import type { Database } from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import type { ImportProblem } from '../../../shared/contract';
import { CoreError } from '../core-error';
import { buildDeferredIndexes, deferIfLarge, indexesDeferred } from '../store/deferred-indexes';
import type { ShopValues } from './field-values';
import { lineReader } from './field-values';
import type { ExportKind } from './file-kind';
import type { ImportJournal, JobRecord, RowState } from './import-journal';
import type { SheetRow } from './sheet-source';
import { sheetRows } from './sheet-source';
import type { ShopWriter } from './shop-writer';

/** Orders per transaction: big enough that commits cost little, small enough that a crash loses seconds. */
export const BATCH_LINES = 2_000;

/** The tables whose secondary indexes a large read defers: the orders and the import's own rows. */
const DEFERRED_TABLES = ['orders', 'import_rows'];

/**
 * Bytes a line takes, to guess a file's lines from its size before reading it: the sandbox's CSV export
 * takes about 190 a line and its XLSX about 120 (compressed); a guess that is off by half changes only
 * which side of the threshold a file near it falls.
 */
const BYTES_PER_LINE = { csv: 200, xlsx: 120 } as const;

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
  /** See DEFER_INDEXES_FROM in store/deferred-indexes.ts (tests lower it). */
  deferIndexesFrom?: number;
  /** When the read stops with this true (the console is closing), the next open builds the indexes. */
  leaveIndexesDeferred?: () => boolean;
}

/**
 * Reads the export into the cache, batch by batch; each batch's orders, journal rows, counts, problems
 * and `lines_done` commit together, so a read resumed after a crash skips exactly what was written.
 */
export async function readExport(deps: ReaderDeps, job: JobRecord, path: string, kind: ExportKind): Promise<void> {
  const left = (await stat(path)).size / BYTES_PER_LINE[kind] - job.linesDone;
  const deferred = deferIfLarge(deps.db, DEFERRED_TABLES, left, deps.deferIndexesFrom);
  try {
    await readRows(deps, job, path, kind);
  } finally {
    if (deferred && !deps.leaveIndexesDeferred?.()) buildDeferredIndexes(deps.db);
  }
}

async function readRows(deps: ReaderDeps, job: JobRecord, path: string, kind: ExportKind): Promise<void> {
  const { journal } = deps;
  let readLine: ReturnType<typeof lineReader> | null = null;
  let batch: SheetRow[] = [];
  const commit = deps.db.transaction((rows: SheetRow[]) => {
    const problems: ImportProblem[] = [];
    const at = deps.now();
    // Asked each batch: another writer's load may have built them meanwhile, and then they are kept up.
    const indexed = !indexesDeferred(deps.db);
    for (const row of rows) {
      job.counts.lines++;
      const read = readLine!(row.cells, row.line);
      job.timesAsUtc ||= read.timeAsUtc;
      if (!read.values) {
        job.counts.refused++;
        problems.push(...read.problems);
      } else if (!addOrder(deps, job, read.values, row.line, at, problems, indexed)) {
        job.counts.refused++;
      }
      job.linesDone = row.line;
    }
    journal.addProblems(job, problems);
    journal.save(job, at);
  });
  for await (const row of sheetRows(path, kind, job.sheet ?? undefined)) {
    if (!readLine) {
      readLine = lineReader(job.mapping, row.cells);
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
  if (!readLine)
    throw new CoreError({ code: 'import_empty', message: 'The file is empty.', hint: 'Export the orders again.' });
}

/** Orders that can still change are asked about now; older ones are kept as the shop's record. */
function stateOf(windowStartMs: number | null, liveFromMs: number): RowState {
  return windowStartMs === null || windowStartMs >= liveFromMs ? 'pending' : 'deferred';
}

function addOrder(
  deps: ReaderDeps,
  job: JobRecord,
  values: ShopValues,
  line: number,
  at: number,
  problems: ImportProblem[],
  indexed: boolean,
) {
  const window = values.window_starts_at ? Date.parse(values.window_starts_at) : null;
  const liveFrom = deps.liveFromMs();
  // A new order's state follows from its line alone: written with the row rather than updated after it.
  const guessed = stateOf(window, liveFrom);
  const earlier = deps.journal.addRow(job.id, values.order_id, values.user_id ?? null, line, window, guessed);
  if (earlier !== null) {
    problems.push({
      line,
      column: null,
      message: `Order ${values.order_id.slice(0, 64)} is also on line ${earlier}; this later line was not imported.`,
      hint: 'Keep one line per order in the export (the first one was imported).',
    });
    return false;
  }
  const written = deps.writer.write(job.environmentId, values, at, indexed);
  job.counts[written.result === 'created' ? 'created' : written.result]++;
  // Asked already (a re-import): kept out of this job's gets.
  const state = written.checked ? 'skipped' : stateOf(written.windowStartMs, liveFrom);
  if (state !== guessed) deps.journal.setRow(job.id, values.order_id, state);
  if (state !== 'skipped') job.counts[state === 'pending' ? 'toFetch' : 'deferred']++;
  return true;
}
