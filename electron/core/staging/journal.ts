import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { JobState, StageItemState, StageRow, StageValues } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import type { Clock } from '../clock';
import { valuesOf } from '../../../shared/stage-values';

export interface JobRecord {
  id: string;
  name: string;
  environmentId: string;
  state: JobState;
  error: AppError | null;
  createdMs: number;
  updatedMs: number;
}

/** One order of a job as the journal keeps it; the runner changes a copy and saves it whole. */
export interface ItemRecord {
  seq: number;
  orderId: string;
  line: number | null;
  values: StageValues;
  state: StageItemState;
  /** A stage request for it may have been carried out unheard: look it up before sending again. */
  uncertain: boolean;
  /** Stage requests sent. */
  attempts: number;
  /** Gets sent to find out what became of it. */
  lookups: number;
  /** Not to be sent before this time (the API asked to wait). */
  notBeforeMs: number;
  orderStatus: string | null;
  note: string | null;
  error: AppError | null;
}

export interface JournalWrite {
  item: ItemRecord;
  alongside?: () => void;
}

export interface JobCounts {
  total: number;
  done: number;
  failed: number;
}

interface JobRow {
  id: string;
  name: string;
  environment_id: string;
  state: JobState;
  error: string | null;
  created_ms: number;
  updated_ms: number;
}

interface ItemRow {
  seq: number;
  order_id: string;
  line: number | null;
  stage_values: string;
  state: StageItemState;
  uncertain: number;
  attempts: number;
  lookups: number;
  not_before_ms: number;
  order_status: string | null;
  note: string | null;
  last_error: string | null;
}

const parseError = (text: string | null): AppError | null => (text ? (JSON.parse(text) as AppError) : null);

function toJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    name: row.name,
    environmentId: row.environment_id,
    state: row.state,
    error: parseError(row.error),
    createdMs: row.created_ms,
    updatedMs: row.updated_ms,
  };
}

function toItem(row: ItemRow): ItemRecord {
  return {
    seq: row.seq,
    orderId: row.order_id,
    line: row.line,
    values: JSON.parse(row.stage_values) as StageValues,
    state: row.state,
    uncertain: row.uncertain === 1,
    attempts: row.attempts,
    lookups: row.lookups,
    notBeforeMs: row.not_before_ms,
    orderStatus: row.order_status,
    note: row.note,
    error: parseError(row.last_error),
  };
}

/**
 * The durable record of bulk-staging jobs, in the cache's SQLite file. Every write is its own
 * transaction and the connection runs with synchronous=FULL, so once `save` returns, the change
 * survives a crash or a power cut: the runner saves an item as in flight before sending its request.
 */
export class StagingJournal {
  private readonly statements;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    // A commit the OS has not yet written could be an order sent twice after a power cut.
    db.pragma('synchronous = FULL');
    this.statements = {
      insertJob: db.prepare(
        `INSERT INTO staging_jobs (id, name, environment_id, state, created_ms, updated_ms) VALUES (?, ?, ?, 'running', ?, ?)`,
      ),
      insertItem: db.prepare(
        `INSERT INTO staging_items (job_id, seq, order_id, line, stage_values, state, updated_ms) VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      ),
      job: db.prepare<[string], JobRow>('SELECT * FROM staging_jobs WHERE id = ?'),
      items: db.prepare<[string], ItemRow>('SELECT * FROM staging_items WHERE job_id = ? ORDER BY seq'),
      setState: db.prepare('UPDATE staging_jobs SET state = ?, error = ?, updated_ms = ? WHERE id = ?'),
      touch: db.prepare('UPDATE staging_jobs SET updated_ms = ? WHERE id = ?'),
      save: db.prepare(
        `UPDATE staging_items SET state = @state, uncertain = @uncertain, attempts = @attempts, lookups = @lookups,
           not_before_ms = @notBeforeMs, order_status = @orderStatus, note = @note, last_error = @error, updated_ms = @now
         WHERE job_id = @jobId AND seq = @seq`,
      ),
      counts: db.prepare<[string], JobCounts>(
        `SELECT count(*) AS total, count(*) FILTER (WHERE state = 'done') AS done,
           count(*) FILTER (WHERE state = 'failed') AS failed FROM staging_items WHERE job_id = ?`,
      ),
      recent: db.prepare<[number], JobRow>(
        `SELECT * FROM staging_jobs
         ORDER BY state IN ('running', 'paused', 'waiting_for_network') DESC, updated_ms DESC LIMIT ?`,
      ),
    };
  }

  /** The job and every row as pending, in one transaction. */
  createJob(input: { name: string; environmentId: string; rows: readonly StageRow[] }): JobRecord {
    const id = randomUUID();
    const now = this.clock.now();
    this.db.transaction(() => {
      this.statements.insertJob.run(id, input.name, input.environmentId, now, now);
      input.rows.forEach((row, seq) => {
        this.statements.insertItem.run(id, seq, row.orderId, row.line ?? null, JSON.stringify(valuesOf(row)), now);
      });
    })();
    return this.job(id)!;
  }

  job(id: string): JobRecord | undefined {
    const row = this.statements.job.get(id);
    return row ? toJob(row) : undefined;
  }

  items(jobId: string): ItemRecord[] {
    return this.statements.items.all(jobId).map(toItem);
  }

  counts(jobId: string): JobCounts {
    return this.statements.counts.get(jobId) ?? { total: 0, done: 0, failed: 0 };
  }

  setState(jobId: string, state: JobState, error: AppError | null = null): void {
    this.statements.setState.run(state, error ? JSON.stringify(error) : null, this.clock.now(), jobId);
  }

  /** Writes one item in its own transaction (see `saveMany`). */
  save(jobId: string, item: ItemRecord, alongside?: () => void): void {
    this.saveMany(jobId, [{ item, ...(alongside ? { alongside } : {}) }]);
  }

  /**
   * Writes the items and, in the same transaction, whatever each `alongside` writes (the order into the
   * cache, the audit entry), so the journal and what it claims never disagree after a crash; one commit
   * (one fsync) for them all.
   */
  saveMany(jobId: string, writes: readonly JournalWrite[]): void {
    if (writes.length === 0) return;
    const now = this.clock.now();
    this.db.transaction(() => {
      for (const { item, alongside } of writes) {
        this.statements.save.run({
          jobId,
          seq: item.seq,
          state: item.state,
          uncertain: item.uncertain ? 1 : 0,
          attempts: item.attempts,
          lookups: item.lookups,
          notBeforeMs: item.notBeforeMs,
          orderStatus: item.orderStatus,
          note: item.note,
          error: item.error ? JSON.stringify(item.error) : null,
          now,
        });
        alongside?.();
      }
      this.statements.touch.run(now, jobId);
    })();
  }

  /** Recent jobs, unfinished ones first. */
  recentJobs(limit = 50): JobRecord[] {
    return this.statements.recent.all(limit).map(toJob);
  }
}
