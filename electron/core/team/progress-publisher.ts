import type pg from 'pg';
import type { JobProgress } from '../../../shared/contract';
import type { PublishedProgress } from './team-progress';
import { PROGRESS_HEARTBEAT_MS, publishProgress, pruneProgress } from './team-progress';

export interface ProgressPublisherDeps {
  environmentId: string;
  consoleId: string;
  consoleName: () => string;
  /** A connected client for the team database; kept while it works, dropped on an error. */
  connect: () => Promise<pg.Client>;
  /** Least time between two writes while only counts change (default 500 ms). */
  everyMs?: number | undefined;
  heartbeatMs?: number | undefined;
}

const live = (state: string) => state === 'running' || state === 'waiting_for_network';

/**
 * Publishes this console's staging jobs of one environment to the team database: a state change at
 * once, counts at most every `everyMs` (the newest figures of each job, never a backlog), and running
 * jobs again every heartbeat. It never holds a job up: a write that fails is tried again with the next.
 */
export class ProgressPublisher {
  private readonly due = new Map<string, PublishedProgress>();
  private readonly running = new Map<string, PublishedProgress>();
  private readonly states = new Map<string, string>();
  private client: pg.Client | null = null;
  private writing: Promise<void> = Promise.resolve();
  private cooling: NodeJS.Timeout | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly deps: ProgressPublisherDeps) {
    this.heartbeat = setInterval(() => {
      for (const [jobId, row] of this.running) if (!this.due.has(jobId)) this.due.set(jobId, row);
      if (this.due.size > 0) this.write();
    }, deps.heartbeatMs ?? PROGRESS_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  publish(progress: JobProgress): void {
    if (this.closed) return;
    const changed = this.states.get(progress.jobId) !== progress.state;
    this.states.set(progress.jobId, progress.state);
    this.due.set(progress.jobId, {
      environmentId: progress.environmentId,
      jobId: progress.jobId,
      consoleId: this.deps.consoleId,
      consoleName: this.deps.consoleName(),
      name: progress.name,
      state: progress.state,
      total: progress.total,
      staged: progress.done,
      failed: progress.failed,
      pending: progress.remaining,
      updatedAt: progress.updatedAt,
    });
    if (changed || !this.cooling) this.write();
  }

  /** Writes what is still due, then lets go of the connection. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    if (this.cooling) clearTimeout(this.cooling);
    if (this.due.size > 0) this.enqueue();
    await this.writing;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  /** Writes now and holds further count-only writes until `everyMs` has passed. */
  private write(): void {
    if (this.cooling) clearTimeout(this.cooling);
    this.cooling = setTimeout(() => {
      this.cooling = null;
      if (this.due.size > 0) this.write();
    }, this.deps.everyMs ?? 500);
    this.cooling.unref();
    this.enqueue();
  }

  private enqueue(): void {
    this.writing = this.writing.then(() => this.flush());
  }

  private async flush(): Promise<void> {
    const rows = [...this.due.values()];
    this.due.clear();
    if (rows.length === 0) return;
    try {
      this.client ??= await this.deps.connect();
      for (const row of rows) {
        await publishProgress(this.client, row);
        if (live(row.state)) this.running.set(row.jobId, row);
        else this.running.delete(row.jobId);
      }
      if (rows.some((row) => !live(row.state))) await pruneProgress(this.client, this.deps.environmentId);
    } catch {
      // Newer figures that came meanwhile win; the rest go with the next write or heartbeat.
      for (const row of rows) if (!this.due.has(row.jobId)) this.due.set(row.jobId, row);
      const lost = this.client;
      this.client = null;
      await lost?.end().catch(() => undefined);
    }
  }
}
