import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { JobState, StageItemState, StageRow, StageValues } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import type { Clock } from '../clock';
import type { Lease, LeaseOwner } from './lease';
import { valuesOf } from '../../../shared/stage-values';
import { MAX_LISTED_JOBS } from '../../../shared/limits';

export interface JobRecord {
  id: string;
  name: string;
  environmentId: string;
  state: JobState;
  error: AppError | null;
  createdMs: number;
  updatedMs: number;
  /** Who runs it now, if anybody. */
  lease: Lease | null;
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
  /** Not sent yet because the API asked to wait (429, 2003, 423): part of the remaining, not a failure. */
  waiting: number;
}

interface JobRow {
  id: string;
  name: string;
  environment_id: string;
  state: JobState;
  error: string | null;
  created_ms: number;
  updated_ms: number;
  owner_id: string | null;
  owner_pid: number | null;
  owner_host: string | null;
  heartbeat_ms: number | null;
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
    lease:
      row.owner_id === null
        ? null
        : { id: row.owner_id, pid: row.owner_pid ?? 0, host: row.owner_host ?? '', heartbeatMs: row.heartbeat_ms ?? 0 },
  };
}

/** Judges a lease found in the journal: true when another owner still runs the job. */
export type HeldElsewhere = (lease: Lease | null) => boolean;

/** States in which a job is being run by somebody, by the journal. */
const ACTIVE_STATES: ReadonlySet<JobState> = new Set(['running', 'waiting_for_network']);
const ACTIVE_SQL = `(${[...ACTIVE_STATES].map((state) => `'${state}'`).join(', ')})`;

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
 *
 * Several processes may open the file (a console, command-line runs): a job's lease says which one
 * runs it. Writes given an owner id are made only while that owner holds the lease, checked in the
 * same write transaction, so a runner whose job was taken over can never overwrite the new owner's.
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
        `INSERT INTO staging_jobs (id, name, environment_id, state, created_ms, updated_ms, owner_id, owner_pid, owner_host, heartbeat_ms)
         VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)`,
      ),
      owner: db.prepare<[string], { owner_id: string | null }>('SELECT owner_id FROM staging_jobs WHERE id = ?'),
      setOwner: db.prepare(
        'UPDATE staging_jobs SET owner_id = ?, owner_pid = ?, owner_host = ?, heartbeat_ms = ? WHERE id = ?',
      ),
      renew: db.prepare('UPDATE staging_jobs SET heartbeat_ms = ? WHERE id = ? AND owner_id = ?'),
      release: db.prepare(
        'UPDATE staging_jobs SET owner_id = NULL, owner_pid = NULL, owner_host = NULL, heartbeat_ms = NULL WHERE id = ? AND owner_id = ?',
      ),
      active: db.prepare<[], JobRow>(`SELECT * FROM staging_jobs WHERE state IN ${ACTIVE_SQL}`),
      insertItem: db.prepare(
        `INSERT INTO staging_items (job_id, seq, order_id, line, stage_values, state, updated_ms) VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      ),
      job: db.prepare<[string], JobRow>('SELECT * FROM staging_jobs WHERE id = ?'),
      items: db.prepare<[string], ItemRow>('SELECT * FROM staging_items WHERE job_id = ? ORDER BY seq'),
      item: db.prepare<[string, number], ItemRow>('SELECT * FROM staging_items WHERE job_id = ? AND seq = ?'),
      setState: db.prepare('UPDATE staging_jobs SET state = ?, error = ?, updated_ms = ? WHERE id = ?'),
      touch: db.prepare('UPDATE staging_jobs SET updated_ms = ? WHERE id = ?'),
      save: db.prepare(
        `UPDATE staging_items SET state = @state, uncertain = @uncertain, attempts = @attempts, lookups = @lookups,
           not_before_ms = @notBeforeMs, order_status = @orderStatus, note = @note, last_error = @error, updated_ms = @now
         WHERE job_id = @jobId AND seq = @seq`,
      ),
      counts: db.prepare<[string], JobCounts>(
        `SELECT count(*) AS total, count(*) FILTER (WHERE state = 'done') AS done,
           count(*) FILTER (WHERE state = 'failed') AS failed,
           count(*) FILTER (WHERE state = 'pending' AND last_error IS NOT NULL) AS waiting
         FROM staging_items WHERE job_id = ?`,
      ),
      recent: db.prepare<[number], JobRow>(
        `SELECT * FROM staging_jobs
         ORDER BY state IN ('running', 'paused', 'waiting_for_network') DESC, updated_ms DESC LIMIT ?`,
      ),
      removeItems: db.prepare('DELETE FROM staging_items WHERE job_id = ?'),
      removeJob: db.prepare('DELETE FROM staging_jobs WHERE id = ? AND owner_id IS NULL'),
      refused: db.prepare<[string], { order_id: string; message: string }>(
        `SELECT i.order_id, json_extract(i.last_error, '$.message') AS message FROM staging_items i
         JOIN staging_jobs j ON j.id = i.job_id
         WHERE j.environment_id = ? AND i.state = 'failed' AND json_extract(i.last_error, '$.code') = 'not_stageable'
           AND i.order_status IN ('created', 'brand_new', 'acknowledged', 'rescheduled')`,
      ),
    };
  }

  /** The job and every row as pending, in one transaction; leased to `owner` when given. */
  createJob(input: { name: string; environmentId: string; rows: readonly StageRow[] }, owner?: LeaseOwner): JobRecord {
    const id = randomUUID();
    const now = this.clock.now();
    this.db.transaction(() => {
      this.statements.insertJob.run(
        id,
        input.name,
        input.environmentId,
        now,
        now,
        owner?.id ?? null,
        owner?.pid ?? null,
        owner?.host ?? null,
        owner ? now : null,
      );
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

  item(jobId: string, seq: number): ItemRecord | undefined {
    const row = this.statements.item.get(jobId, seq);
    return row ? toItem(row) : undefined;
  }

  counts(jobId: string): JobCounts {
    return this.statements.counts.get(jobId) ?? { total: 0, done: 0, failed: 0, waiting: 0 };
  }

  /** False, and nothing written, when `ownerId` is given and no longer holds the job's lease. */
  setState(jobId: string, state: JobState, error: AppError | null = null, ownerId?: string): boolean {
    return this.asOwner(jobId, ownerId, () => {
      this.statements.setState.run(state, error ? JSON.stringify(error) : null, this.clock.now(), jobId);
    });
  }

  /** Writes one item in its own transaction (see `saveMany`). */
  save(jobId: string, item: ItemRecord, ownerId?: string): boolean {
    return this.saveMany(jobId, [{ item }], ownerId);
  }

  /**
   * Gives the job's lease to `owner` unless `heldElsewhere` says its holder still runs it, in one
   * write transaction taken before the lease is read (BEGIN IMMEDIATE), so of two processes asking
   * at once exactly one gets it. Returns the holder when refused, null when taken.
   */
  takeLease(jobId: string, owner: LeaseOwner, heldElsewhere: HeldElsewhere): Lease | null {
    return this.db
      .transaction(() => {
        const row = this.statements.job.get(jobId);
        const lease = row ? toJob(row).lease : null;
        if (lease && heldElsewhere(lease)) return lease;
        this.statements.setOwner.run(owner.id, owner.pid, owner.host, this.clock.now(), jobId);
        return null;
      })
      .immediate();
  }

  /** The heartbeat of a running job; false when the lease is no longer this owner's. */
  renewLease(jobId: string, ownerId: string): boolean {
    return this.statements.renew.run(this.clock.now(), jobId, ownerId).changes === 1;
  }

  holdsLease(jobId: string, ownerId: string): boolean {
    return this.statements.owner.get(jobId)?.owner_id === ownerId;
  }

  releaseLease(jobId: string, ownerId: string): void {
    this.statements.release.run(jobId, ownerId);
  }

  /**
   * Jobs the journal calls running whose owner is gone (lease expired, process dead, or none) are
   * paused with `error`, each in a write transaction that reads the lease again, so a job another
   * process has just taken over is left alone.
   */
  interruptAbandoned(error: AppError, heldElsewhere: HeldElsewhere, except: ReadonlySet<string>): void {
    const pause = this.db.transaction((jobId: string) => {
      const row = this.statements.job.get(jobId);
      if (!row || !ACTIVE_STATES.has(row.state)) return;
      const job = toJob(row);
      if (heldElsewhere(job.lease)) return;
      this.statements.setState.run('paused', JSON.stringify(error), this.clock.now(), jobId);
      this.statements.setOwner.run(null, null, null, null, jobId);
    });
    for (const row of this.statements.active.all()) {
      // Read first without a write lock: a job someone runs (the usual case) costs no transaction.
      if (!except.has(row.id) && !heldElsewhere(toJob(row).lease)) pause.immediate(row.id);
    }
  }

  /**
   * Writes the items and, in the same transaction, whatever each `alongside` writes (the order into the
   * cache, the audit entry), so the journal and what it claims never disagree after a crash; one commit
   * (one fsync) for them all.
   */
  saveMany(jobId: string, writes: readonly JournalWrite[], ownerId?: string): boolean {
    if (writes.length === 0) return true;
    const now = this.clock.now();
    return this.asOwner(jobId, ownerId, () => {
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
    });
  }

  /** Runs `write` in a write transaction, only while `ownerId` (when given) holds the job's lease. */
  private asOwner(jobId: string, ownerId: string | undefined, write: () => void): boolean {
    const guarded = this.db.transaction(() => {
      if (ownerId !== undefined && this.statements.owner.get(jobId)?.owner_id !== ownerId) return false;
      write();
      return true;
    });
    // Immediate: a read then a write in a deferred transaction fails at once if another process wrote between.
    return guarded.immediate();
  }

  /** Jobs the journal calls running (by this process or another): few, and cheap to ask for often. */
  activeJobs(): JobRecord[] {
    return this.statements.active.all().map(toJob);
  }

  /** Recent jobs, unfinished ones first. */
  recentJobs(limit = MAX_LISTED_JOBS): JobRecord[] {
    return this.statements.recent.all(limit).map(toJob);
  }

  /**
   * Removes a job and its orders, in one transaction, unless somebody holds its lease (checked in the
   * same transaction): false when it was not removed.
   */
  removeJob(jobId: string): boolean {
    return this.db
      .transaction(() => {
        if (this.statements.job.get(jobId)?.owner_id !== null) return false;
        this.statements.removeItems.run(jobId);
        return this.statements.removeJob.run(jobId).changes === 1;
      })
      .immediate();
  }

  /**
   * Orders of the environment Instacart refused to stage in an earlier job although their status allowed
   * it (not a dispatch order, by the stage rules), with what it said.
   */
  refusedOrders(environmentId: string): Map<string, string> {
    return new Map(this.statements.refused.all(environmentId).map((row) => [row.order_id, row.message]));
  }
}
