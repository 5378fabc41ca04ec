import type { JobProgress, JobView, RetriedJob, RetrySummary, StageRow } from '../../../shared/contract';
import { MAX_EXCLUDED_ORDERS } from '../../../shared/limits';
import type { AppError } from '../../../shared/result';
import type { Clock, Sleep } from '../clock';
import { CoreError } from '../core-error';
import type { Limiters } from '../connect/limiters';
import type { Claim, ClaimHolder, OrderClaims } from './job-claims';
import { heldReason, JobClaims } from './job-claims';
import type { OutcomeOptions } from './item-outcomes';
import type { NetworkOptions, StageApi, StagingRecorder } from './job-runner';
import { JobLeases } from './job-leases';
import { JobRunner } from './job-runner';
import { jobView, progressOf } from './job-views';
import type { JobRecord, StagingJournal } from './journal';
import { retryCandidates } from './retry-candidates';
import type { LeaseOptions, LeaseOwner } from './lease';
import { DEFAULT_LEASE, processAlive, thisProcess } from './lease';

export interface StagingServiceDeps {
  journal: StagingJournal;
  recorder: StagingRecorder;
  clock: Clock;
  sleep: Sleep;
  /** The single-attempt stage and get of an environment. */
  apiFor: (environmentId: string) => StageApi;
  /** Told of every change of a job's progress (throttled), for `staging:progress`. */
  onProgress: (progress: JobProgress) => void;
  /** Records a job-level action (start, pause, cancel...) in the audit log. */
  auditJob: (action: string, job: JobRecord, detail: unknown) => void;
  /** The environments' limiters, shared with the other background work. */
  limiters: Limiters;
  outcomes?: OutcomeOptions | undefined;
  network?: NetworkOptions | undefined;
  /** Least time between two progress events of one job while nothing but the counts changes. */
  progressEveryMs?: number | undefined;
  /** How long a job's lease lasts and how often it is renewed. */
  lease?: LeaseOptions | undefined;
  /** This service as a lease owner (a fresh id, this process and host, unless given). */
  self?: LeaseOwner;
  /** Whether a process of this machine is still there. */
  isAlive?: (pid: number) => boolean;
  /** The team's claims on the orders of an environment in team mode; null when it works alone. */
  claimsFor?: (environmentId: string) => OrderClaims | null;
}

const INTERRUPTED: AppError = {
  code: 'interrupted',
  message: 'The console stopped while this job was running.',
  hint: 'Resume it to finish: orders sent just before the stop are looked up first, so none is staged twice.',
};

interface Active {
  runner: JobRunner;
  done: Promise<void>;
  lastEmitAt: number;
  lastState: string;
  timer: NodeJS.Timeout | null;
}

type Action = 'pause' | 'resume' | 'cancel' | 'retry the failed orders of';

function jobError(code: string, message: string, hint: string): CoreError {
  return new CoreError({ code, message, hint });
}

/**
 * Bulk-staging jobs: creates them in the journal, runs each with its own runner under the limiter of
 * its environment (the API's limit is per environment, so concurrent jobs share it), and answers the
 * staging channels. A job has one owner at a time (its lease in the journal): jobs a console left
 * running when it stopped are paused, to be resumed by the user; a job another live console runs is
 * listed as running there, and this one refuses to pause, resume, cancel or retry it.
 */
export class StagingService {
  private readonly active = new Map<string, Active>();
  private readonly leases: JobLeases;
  private readonly claims: JobClaims;
  private closed = false;

  constructor(private readonly deps: StagingServiceDeps) {
    this.claims = new JobClaims(deps.claimsFor, () => deps.clock.now());
    this.leases = new JobLeases(deps.journal, deps.clock, {
      self: deps.self ?? thisProcess(),
      options: deps.lease ?? DEFAULT_LEASE,
      isAlive: deps.isAlive ?? processAlive,
    });
    this.leases.interruptAbandoned(INTERRUPTED, new Set());
  }

  /**
   * In team mode the orders are claimed in the team database first, so two consoles starting the same
   * sheet at once never stage an order twice: the job gets only the orders no other console is staging.
   */
  async start(input: {
    rows: readonly StageRow[];
    name?: string | undefined;
    environmentId: string;
  }): Promise<JobView> {
    const seen = new Set<string>();
    const repeated = input.rows.filter((row) => seen.size === seen.add(row.orderId).size).map((row) => row.orderId);
    if (repeated.length > 0) {
      throw jobError(
        'invalid_input',
        `Order ${repeated[0]} appears more than once${repeated.length > 1 ? ` (and ${repeated.length - 1} more)` : ''}.`,
        'Each order is staged once: remove the repeated rows, then start again.',
      );
    }
    const claim = await this.claims.take(
      input.environmentId,
      input.rows.map((row) => row.orderId),
    );
    const rows = claim ? input.rows.filter((row) => !claim.heldBy.has(row.orderId)) : input.rows;
    try {
      const now = new Date(this.deps.clock.now());
      const name = input.name?.trim() || `Staging ${now.toISOString().slice(0, 16).replace('T', ' ')}`;
      const job = this.deps.journal.createJob(
        { name, environmentId: input.environmentId, rows },
        this.leases.rules.self,
      );
      const elsewhere = [...(claim?.heldBy ?? [])].slice(0, MAX_EXCLUDED_ORDERS);
      this.deps.auditJob('staging.start', job, {
        orders: rows.length,
        ...(elsewhere.length > 0
          ? { skipped: elsewhere.map(([orderId, holder]) => ({ orderId, reason: heldReason(holder) })) }
          : {}),
      });
      this.claims.hold(job.id, claim);
      this.launch(job);
      return this.view(job.id);
    } catch (error) {
      await this.claims.drop(claim);
      throw error;
    }
  }

  pause(jobId: string): JobView {
    const job = this.find(jobId);
    this.mustBeOpen(job, 'pause');
    const active = this.active.get(jobId);
    if (active) active.runner.pause();
    else if (job.state !== 'paused') this.whileLeased(job, 'pause', () => this.deps.journal.setState(jobId, 'paused'));
    this.deps.auditJob('staging.pause', job, null);
    return this.view(jobId);
  }

  async resume(jobId: string): Promise<JobView> {
    const job = this.find(jobId);
    this.mustBeOpen(job, 'resume');
    await this.runAgain(job);
    this.deps.auditJob('staging.resume', job, null);
    return this.view(jobId);
  }

  cancel(jobId: string): JobView {
    const job = this.find(jobId);
    this.mustBeOpen(job, 'cancel');
    const active = this.active.get(jobId);
    if (active) active.runner.cancel();
    else this.whileLeased(job, 'cancel', () => this.deps.journal.setState(jobId, 'canceled'));
    this.deps.auditJob('staging.cancel', job, null);
    return this.view(jobId);
  }

  /**
   * Failed orders a second attempt may stage go back in the queue with fresh attempts, and the job runs
   * again; the others (not a dispatch order, no such order, values refused) are left, each with why.
   */
  async retryFailed(jobId: string): Promise<RetriedJob> {
    const job = this.find(jobId);
    if (job.state === 'canceled') {
      throw jobError('job_canceled', 'This job was canceled.', 'Start a new job with the orders to stage.');
    }
    const active = this.active.get(jobId);
    if (active) {
      active.runner.pause();
      await active.done;
    }
    // Held from here to the launch, so no other console starts the job between the reset and the run.
    this.leases.take(jobId, 'retry the failed orders of');
    let left: RetrySummary['left'];
    let retried: number;
    let claim: Claim | null = null;
    try {
      const failed = this.deps.journal.items(jobId).filter((item) => item.state === 'failed');
      if (failed.length === 0) {
        throw jobError('nothing_failed', 'No order of this job has failed.', 'There is nothing to retry.');
      }
      const candidates = retryCandidates(failed);
      const retryable = candidates.retryable;
      left = candidates.left;
      if (retryable.length === 0) {
        throw jobError(
          'nothing_retryable',
          `None of the ${failed.length} failed ${failed.length === 1 ? 'order' : 'orders'} can be staged by sending ${failed.length === 1 ? 'it' : 'them'} again: ${left[0]?.reason ?? ''}`,
          'Open the report for each reason; fix what it names, then stage those orders in a new job.',
        );
      }
      // A finished job keeps only the orders it staged: since it ended, another console may have taken these.
      claim = await this.claims.take(
        job.environmentId,
        retryable.map((item) => item.orderId),
      );
      const heldBy = claim?.heldBy ?? new Map<string, ClaimHolder>();
      const retry = retryable.filter((item) => !heldBy.has(item.orderId));
      for (const [orderId, holder] of heldBy) {
        if (left.length < MAX_EXCLUDED_ORDERS) left.push({ orderId, reason: heldReason(holder) });
      }
      const fresh = { state: 'pending', attempts: 0, lookups: 0, notBeforeMs: 0, error: null } as const;
      for (const item of retry) this.deps.journal.save(jobId, { ...item, ...fresh }, this.leases.ownerId);
      retried = retry.length;
      this.deps.auditJob('staging.retry-failed', job, { orders: retried, left: failed.length - retried });
      this.claims.hold(jobId, claim);
      this.launch(this.find(jobId), 'retry the failed orders of');
    } catch (error) {
      this.leases.release(jobId);
      await this.claims.drop(claim, jobId);
      throw error;
    }
    return { ...this.view(jobId), retry: { retried, left } };
  }

  /** Removes a job from the history (and the journal); refused while it runs, here or in another console. */
  remove(jobId: string): void {
    const job = this.find(jobId);
    const running = this.active.has(jobId) || (job.lease !== null && this.leases.elsewhere(job.lease));
    if (running || !this.deps.journal.removeJob(jobId)) {
      throw jobError(
        'job_running',
        `Job "${job.name}" is running: it cannot be removed now.`,
        'Pause or cancel it first (in the console that runs it), then remove it.',
      );
    }
    this.deps.auditJob('staging.remove', job, null);
  }

  view(jobId: string): JobView {
    const job = this.find(jobId);
    const runner = this.active.get(jobId)?.runner;
    return jobView(this.progress(job), runner?.items ?? this.deps.journal.items(jobId));
  }

  /** Orders of the environment Instacart refused to stage in earlier jobs (see the journal). */
  refusedOrders(environmentId: string): Map<string, string> {
    return this.deps.journal.refusedOrders(environmentId);
  }

  /** The environment a job stages into. */
  environmentOf(jobId: string): string {
    return this.find(jobId).environmentId;
  }

  /** The job history, unfinished jobs first; or, with `runningOnly`, the jobs running here or elsewhere. */
  jobs(runningOnly = false): JobProgress[] {
    // A console that stopped since this one started left its jobs running in the journal.
    this.leases.interruptAbandoned(INTERRUPTED, new Set(this.active.keys()));
    const jobs = runningOnly ? this.deps.journal.activeJobs() : this.deps.journal.recentJobs();
    return jobs.map((job) => this.progress(job));
  }

  /** Whether any job is sending right now (the updater must not restart the console under it). */
  isRunning(): boolean {
    return this.active.size > 0;
  }

  /** Waits until a job's runner has stopped (tests and the command line). */
  async settled(jobId: string): Promise<JobView> {
    await this.active.get(jobId)?.done;
    return this.view(jobId);
  }

  /** Stops every runner (what is in flight is aborted and looked up on resume) and waits for them. */
  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.active.values()];
    for (const active of running) active.runner.shutdown();
    await Promise.all(running.map((active) => active.done));
  }

  private progress(job: JobRecord): JobProgress {
    const runner = this.active.get(job.id)?.runner;
    const live = runner && {
      state: runner.state,
      error: runner.error,
      counts: runner.counts,
      ratePerSecond: runner.rate(),
    };
    const owner = this.leases.owner(job, runner !== undefined);
    return progressOf(job, live ? live.counts : this.deps.journal.counts(job.id), owner, live, this.deps.clock.now());
  }

  private find(jobId: string): JobRecord {
    const job = this.deps.journal.job(jobId);
    if (!job) {
      throw jobError('job_not_found', `There is no staging job ${jobId}.`, 'Pick a job from the list of jobs.');
    }
    return job;
  }

  /** A change to a job nobody runs, made under its lease (refused when another console runs it). */
  private whileLeased(job: JobRecord, action: Action, change: () => void): void {
    this.leases.take(job.id, action);
    try {
      change();
    } finally {
      this.leases.release(job.id);
    }
  }

  private mustBeOpen(job: JobRecord, action: Action): void {
    if (!this.active.has(job.id)) this.leases.refuseIfElsewhere(job, action);
    const live = this.active.get(job.id)?.runner.state ?? job.state;
    if (live === 'finished' || live === 'canceled') {
      throw jobError(
        `job_${live}`,
        `This job has ${live === 'finished' ? 'finished' : 'been canceled'}: there is nothing to ${action}.`,
        live === 'finished' ? 'Use "retry failed" to send its failed orders again.' : 'Start a new job instead.',
      );
    }
  }

  private async runAgain(job: JobRecord): Promise<void> {
    const active = this.active.get(job.id);
    if (active && active.runner.state !== 'paused') {
      // Running or waiting for the network: resuming changes nothing, unless it is stopping.
      if (!active.runner.stopping) return;
    }
    if (active) await active.done;
    // Its claims were given back when it stopped: another console may have taken its orders since.
    const left = this.deps.journal.items(job.id).filter((item) => item.state !== 'done' && item.state !== 'failed');
    const claim = await this.claims.take(
      job.environmentId,
      left.map((item) => item.orderId),
      'all',
    );
    this.claims.hold(job.id, claim);
    try {
      this.launch(this.find(job.id), 'resume');
    } catch (error) {
      await this.claims.drop(claim, job.id);
      throw error;
    }
  }

  /** Runs the job here, once its lease is this service's (taken now, or refused naming its owner). */
  private launch(job: JobRecord, action: Action = 'resume'): void {
    if (this.closed) throw jobError('closing', 'The console is closing.', 'Start the job again after the restart.');
    this.leases.take(job.id, action);
    const runner = new JobRunner({
      ownerId: this.leases.ownerId,
      jobId: job.id,
      environmentId: job.environmentId,
      journal: this.deps.journal,
      api: this.deps.apiFor(job.environmentId),
      limiter: this.deps.limiters.for(job.environmentId),
      recorder: this.deps.recorder,
      clock: this.deps.clock,
      sleep: this.deps.sleep,
      onChange: () => this.changed(job.id),
      outcomes: this.deps.outcomes,
      network: this.deps.network,
    });
    const entry: Active = { runner, done: Promise.resolve(), lastEmitAt: 0, lastState: '', timer: null };
    this.active.set(job.id, entry);
    const stopKeeping = this.leases.keep(job.id, () => runner.leaseLost());
    const stopClaiming = this.claims.keep(job.id, runner);
    // The last change is a change of state, which goes out at once: nothing is left to send at the end.
    entry.done = runner.run().finally(async () => {
      stopKeeping();
      await stopClaiming();
      if (entry.timer) clearTimeout(entry.timer);
      if (this.active.get(job.id) === entry) this.active.delete(job.id);
    });
  }

  /** State changes go out at once; counts at most every `progressEveryMs`, the last one always. */
  private changed(jobId: string): void {
    const entry = this.active.get(jobId);
    if (!entry) return;
    const every = this.deps.progressEveryMs ?? 250;
    const now = this.deps.clock.now();
    if (entry.runner.state !== entry.lastState || now - entry.lastEmitAt >= every) {
      this.emit(jobId, entry);
    } else if (!entry.timer) {
      entry.timer = setTimeout(() => this.emit(jobId, entry), every - (now - entry.lastEmitAt));
      entry.timer.unref();
    }
  }

  private emit(jobId: string, entry: Active): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.lastEmitAt = this.deps.clock.now();
    entry.lastState = entry.runner.state;
    const job = this.deps.journal.job(jobId);
    if (!job) return;
    const counts = entry.runner.counts;
    const live = { state: entry.runner.state, error: entry.runner.error, counts, ratePerSecond: entry.runner.rate() };
    this.deps.onProgress(progressOf(job, counts, this.leases.owner(job, true), live, entry.lastEmitAt));
  }
}
