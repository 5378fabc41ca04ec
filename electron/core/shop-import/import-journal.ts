import type { Database } from 'better-sqlite3';
import type { ImportCounts, ImportJobView, ImportMapping, ImportProblem, ImportState } from '../../../shared/contract';
import { MAX_LISTED_PROBLEMS } from '../../../shared/contract';

export type RowState = 'pending' | 'done' | 'not_found' | 'failed' | 'deferred' | 'skipped';

export interface JobRecord {
  id: string;
  environmentId: string;
  fileName: string;
  uploadId: string;
  sheet: string | null;
  mapping: ImportMapping;
  state: ImportState;
  linesDone: number;
  counts: ImportCounts;
  moreProblems: number;
  timesAsUtc: boolean;
  error: { message: string; hint: string } | null;
  createdMs: number;
  updatedMs: number;
}

interface JobRow {
  id: string;
  environment_id: string;
  file_name: string;
  upload_id: string;
  sheet: string | null;
  mapping: string;
  state: ImportState;
  lines_done: number;
  counts: string;
  more_problems: number;
  times_as_utc: number;
  error: string | null;
  created_ms: number;
  updated_ms: number;
}

export const zeroCounts = (): ImportCounts => ({
  lines: 0,
  created: 0,
  changed: 0,
  unchanged: 0,
  refused: 0,
  toFetch: 0,
  fetched: 0,
  notFound: 0,
  fetchFailed: 0,
  deferred: 0,
});

const toJob = (row: JobRow): JobRecord => ({
  id: row.id,
  environmentId: row.environment_id,
  fileName: row.file_name,
  uploadId: row.upload_id,
  sheet: row.sheet,
  mapping: JSON.parse(row.mapping) as ImportMapping,
  state: row.state,
  linesDone: row.lines_done,
  counts: JSON.parse(row.counts) as ImportCounts,
  moreProblems: row.more_problems,
  timesAsUtc: row.times_as_utc === 1,
  error: row.error === null ? null : (JSON.parse(row.error) as JobRecord['error']),
  createdMs: row.created_ms,
  updatedMs: row.updated_ms,
});

export interface FetchRow {
  order_id: string;
  user_id: string | null;
}

/** The import's journal in the cache file: jobs, their rows' get states, problems, remembered mappings. */
export function createImportJournal(db: Database) {
  const selectJob = db.prepare<[string], JobRow>('SELECT * FROM import_jobs WHERE id = ?');
  const insertRow = db.prepare(
    `INSERT INTO import_rows (job_id, order_id, user_id, line, window_start_ms, state) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const rowLine = db.prepare<[string, string], { line: number }>(
    'SELECT line FROM import_rows WHERE job_id = ? AND order_id = ?',
  );
  const problemCount = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM import_problems WHERE job_id = ?',
  );
  const insertProblem = db.prepare(
    `INSERT INTO import_problems (job_id, seq, line, column_name, message, hint) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const updateRow = db.prepare('UPDATE import_rows SET state = ? WHERE job_id = ? AND order_id = ?');
  // Only the attention list reads an ended job's rows, for the orders Instacart did not know.
  const dropEndedRows = db.prepare(`DELETE FROM import_rows WHERE job_id = ? AND state <> 'not_found'`);
  const saveJob = db.prepare(
    `UPDATE import_jobs SET state = ?, lines_done = ?, counts = ?, more_problems = ?, times_as_utc = ?, error = ?, updated_ms = ? WHERE id = ?`,
  );

  const journal = {
    create(
      job: Omit<JobRecord, 'linesDone' | 'counts' | 'moreProblems' | 'timesAsUtc' | 'error' | 'updatedMs'>,
    ): JobRecord {
      db.prepare(
        `INSERT INTO import_jobs (id, environment_id, file_name, upload_id, sheet, mapping, state, counts, created_ms, updated_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        job.id,
        job.environmentId,
        job.fileName,
        job.uploadId,
        job.sheet,
        JSON.stringify(job.mapping),
        job.state,
        JSON.stringify(zeroCounts()),
        job.createdMs,
        job.createdMs,
      );
      return journal.job(job.id)!;
    },
    job(id: string): JobRecord | null {
      const row = selectJob.get(id);
      return row ? toJob(row) : null;
    },
    last(environmentId: string): JobRecord | null {
      const row = db
        .prepare<[string], JobRow>(
          'SELECT * FROM import_jobs WHERE environment_id = ? ORDER BY created_ms DESC, rowid DESC LIMIT 1',
        )
        .get(environmentId);
      return row ? toJob(row) : null;
    },
    /** Jobs a console closed or killed mid-way left reading or fetching. */
    unfinished(): JobRecord[] {
      return db
        .prepare<[], JobRow>(`SELECT * FROM import_jobs WHERE state IN ('reading', 'fetching') ORDER BY created_ms`)
        .all()
        .map(toJob);
    },
    save(job: JobRecord, at: number): void {
      saveJob.run(
        job.state,
        job.linesDone,
        JSON.stringify(job.counts),
        job.moreProblems,
        job.timesAsUtc ? 1 : 0,
        job.error ? JSON.stringify(job.error) : null,
        at,
        job.id,
      );
    },
    /**
     * Saves a job that finished or was canceled and drops its rows but the orders not found at Instacart,
     * in one transaction: kept, every import left its rows behind for good (a million-line export about
     * 140 MB, each time the watched folder saw it again).
     */
    end(job: JobRecord, at: number): void {
      db.transaction(() => {
        journal.save(job, at);
        dropEndedRows.run(job.id);
      })();
    },
    /** A row read: false when the order id was on an earlier line of the file (the line is then given). */
    addRow(
      jobId: string,
      orderId: string,
      userId: string | null,
      line: number,
      windowStartMs: number | null,
      state: RowState,
    ): number | null {
      if (insertRow.run(jobId, orderId, userId, line, windowStartMs, state).changes === 1) return null;
      return rowLine.get(jobId, orderId)?.line ?? 0;
    },
    addProblems(job: JobRecord, problems: readonly ImportProblem[]): void {
      let listed = problemCount.get(job.id)!.n;
      for (const problem of problems) {
        if (listed >= MAX_LISTED_PROBLEMS) {
          job.moreProblems++;
          continue;
        }
        insertProblem.run(job.id, listed++, problem.line, problem.column, problem.message, problem.hint);
      }
    },
    problems(jobId: string): ImportProblem[] {
      return db
        .prepare<[string], { line: number; column_name: string | null; message: string; hint: string }>(
          'SELECT line, column_name, message, hint FROM import_problems WHERE job_id = ? ORDER BY seq',
        )
        .all(jobId)
        .map((p) => ({ line: p.line, column: p.column_name, message: p.message, hint: p.hint }));
    },
    /** The next orders to ask Instacart about: nearest window first, those without a window last. */
    toFetch(jobId: string, limit: number): FetchRow[] {
      return db
        .prepare<[string, number], FetchRow>(
          `SELECT order_id, user_id FROM import_rows WHERE job_id = ? AND state = 'pending'
           ORDER BY window_start_ms IS NULL, window_start_ms, line LIMIT ?`,
        )
        .all(jobId, limit);
    },
    setRow(jobId: string, orderId: string, state: RowState): void {
      updateRow.run(state, jobId, orderId);
    },
    remembered(environmentId: string, headers: string): ImportMapping | null {
      const row = db
        .prepare<[string, string], { mapping: string }>(
          'SELECT mapping FROM import_mappings WHERE environment_id = ? AND headers = ?',
        )
        .get(environmentId, headers);
      return row ? (JSON.parse(row.mapping) as ImportMapping) : null;
    },
    remember(environmentId: string, headers: string, mapping: ImportMapping, at: number): void {
      db.prepare(
        `INSERT INTO import_mappings (environment_id, headers, mapping, updated_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (environment_id, headers) DO UPDATE SET mapping = excluded.mapping, updated_ms = excluded.updated_ms`,
      ).run(environmentId, headers, JSON.stringify(mapping), at);
    },
  };
  return journal;
}

export type ImportJournal = ReturnType<typeof createImportJournal>;

export function jobView(job: JobRecord, problems: ImportProblem[], rate: number | null): ImportJobView {
  const left = job.counts.toFetch - job.counts.fetched - job.counts.notFound - job.counts.fetchFailed;
  return {
    id: job.id,
    environmentId: job.environmentId,
    fileName: job.fileName,
    state: job.state,
    createdAt: new Date(job.createdMs).toISOString(),
    updatedAt: new Date(job.updatedMs).toISOString(),
    counts: job.counts,
    problems,
    moreProblems: job.moreProblems,
    rate,
    secondsLeft: rate && rate > 0 && job.state === 'fetching' ? Math.ceil(left / rate) : null,
    error: job.error,
    readTimesAsUtc: job.timesAsUtc,
  };
}
