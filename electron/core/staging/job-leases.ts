import type { JobOwner } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import type { Clock } from '../clock';
import type { JobRecord, StagingJournal } from './journal';
import type { Lease, LeaseRules } from './lease';
import { heldElsewhere, ownedElsewhere } from './lease';

/**
 * The leases of one staging service's jobs: taken before a runner starts, renewed while it runs,
 * released when it stops; and the refusal to touch a job another console runs.
 */
export class JobLeases {
  constructor(
    private readonly journal: StagingJournal,
    private readonly clock: Clock,
    readonly rules: LeaseRules,
  ) {}

  get ownerId(): string {
    return this.rules.self.id;
  }

  /** True when another owner still runs the job. */
  readonly elsewhere = (lease: Lease | null): boolean => heldElsewhere(lease, this.rules, this.clock.now());

  /** Takes the job's lease for this service, or throws `job_owned_elsewhere` naming who holds it. */
  take(jobId: string, action: string): void {
    const holder = this.journal.takeLease(jobId, this.rules.self, this.elsewhere);
    if (holder) throw ownedElsewhere(holder, action, this.rules);
  }

  /** Throws `job_owned_elsewhere` when, by the journal, another console runs the job. */
  refuseIfElsewhere(job: JobRecord, action: string): void {
    if (job.lease && this.elsewhere(job.lease)) throw ownedElsewhere(job.lease, action, this.rules);
  }

  release(jobId: string): void {
    this.journal.releaseLease(jobId, this.ownerId);
  }

  /** Renews the lease every heartbeat until the returned stop is called (which releases it). */
  keep(jobId: string, onLost: () => void): () => void {
    const timer = setInterval(() => {
      if (!this.journal.renewLease(jobId, this.ownerId)) {
        clearInterval(timer);
        onLost();
      }
    }, this.rules.options.heartbeatMs);
    timer.unref();
    return () => {
      clearInterval(timer);
      this.release(jobId);
    };
  }

  /** Who runs the job as the channels show it: this console, another one (its pid), or nobody. */
  owner(job: JobRecord, runningHere: boolean): JobOwner | null {
    if (runningHere) return { pid: this.rules.self.pid, here: true };
    return job.lease && this.elsewhere(job.lease) ? { pid: job.lease.pid, here: false } : null;
  }

  /** Pauses, with `error`, the jobs left running by an owner that is gone; never one another console runs. */
  interruptAbandoned(error: AppError, runningHere: ReadonlySet<string>): void {
    this.journal.interruptAbandoned(error, this.elsewhere, runningHere);
  }
}
