import type { JobProgress, JobView, RetriedJob, RetrySummary, StageRow } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import type { Api } from './api';

export type JobAction = 'pause' | 'resume' | 'cancel' | 'retry-failed';

/** Orders' results are fetched at most this often while a job runs; progress events fill the gaps. */
const ITEMS_EVERY_MS = 1000;

/**
 * How often the running jobs are asked for: jobs of other consoles (or `npm run stage`) send this one no
 * events. Often while one runs, to see it end; now and then otherwise, to see one start elsewhere.
 */
const RUNNING_EVERY_MS = 3000;
const IDLE_EVERY_MS = 5000;

const UNFINISHED = new Set<JobProgress['state']>(['running', 'paused', 'waiting_for_network']);

export const isUnfinished = (job: JobProgress) => UNFINISHED.has(job.state);
/** Running here or in another console (a lease says so): never "stopped", whatever a reload forgot. */
export const isRunning = (job: JobProgress) => job.state === 'running' || job.state === 'waiting_for_network';

/** The job on screen: its progress from the core's events, its orders' results fetched now and then. */
export class StagingJob {
  view = $state<JobView | null>(null);
  /** The environment's job history, unfinished jobs first: kept until the user removes a job. */
  jobs = $state<JobProgress[]>([]);
  /** The environment `jobs` are of. */
  jobsOf = $state<string | null>(null);
  readonly unfinished = $derived(this.jobs.filter(isUnfinished));
  readonly running = $derived(this.jobs.filter(isRunning));
  error = $state<AppError | null>(null);
  busy = $state<JobAction | 'start' | null>(null);
  /** What the last "Retry failed" of the job on screen sent again and left. */
  retried = $state<RetrySummary | null>(null);
  private itemsTimer: ReturnType<typeof setTimeout> | null = null;
  private jobsTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly api: Api) {}

  /** Follows `staging:progress`; returns the unsubscribe. */
  follow(): () => void {
    const off = this.api.on('staging:progress', (progress) => this.onProgress(progress));
    return () => {
      off();
      if (this.itemsTimer) clearTimeout(this.itemsTimer);
      this.itemsTimer = null;
    };
  }

  /**
   * Keeps the job list current on every screen (the header's indicator): from progress events, and by
   * asking again every few seconds while a job runs; returns the unsubscribe.
   */
  watch(): () => void {
    const off = this.api.on('staging:progress', (progress) => {
      if (progress.environmentId !== this.jobsOf) return;
      const known = this.jobs.some((job) => job.jobId === progress.jobId);
      this.jobs = known
        ? this.jobs.map((job) => (job.jobId === progress.jobId ? progress : job))
        : [progress, ...this.jobs];
    });
    return () => {
      off();
      if (this.jobsTimer) clearTimeout(this.jobsTimer);
      this.jobsTimer = null;
    };
  }

  async loadJobs(environmentId: string): Promise<void> {
    const result = await this.api.call('staging:jobs', { environmentId });
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.jobs = result.value;
    this.jobsOf = environmentId;
    this.schedule(environmentId);
  }

  private schedule(environmentId: string): void {
    if (this.jobsTimer) clearTimeout(this.jobsTimer);
    const every = this.running.length > 0 ? RUNNING_EVERY_MS : IDLE_EVERY_MS;
    this.jobsTimer = setTimeout(() => void this.pollRunning(environmentId), every);
  }

  /** The running jobs only (cheap); the whole list again once one of them has ended. */
  private async pollRunning(environmentId: string): Promise<void> {
    this.jobsTimer = null;
    if (this.jobsOf !== environmentId) return;
    const result = await this.api.call('staging:jobs', { environmentId, running: true });
    if (this.jobsOf !== environmentId) return;
    if (!result.ok) return this.schedule(environmentId);
    const now = (jobId: string) => result.value.find((job) => job.jobId === jobId);
    if (this.running.some((job) => !now(job.jobId))) return this.loadJobs(environmentId);
    const fresh = result.value.filter((running) => !this.jobs.some((job) => job.jobId === running.jobId));
    this.jobs = [...fresh, ...this.jobs.map((job) => now(job.jobId) ?? job)];
    this.schedule(environmentId);
  }

  /** Removes a job that is not running from the history. */
  async remove(environmentId: string, jobId: string): Promise<AppError | null> {
    const result = await this.api.call('staging:remove-job', { environmentId, jobId });
    if (!result.ok) return result.error;
    this.jobs = this.jobs.filter((job) => job.jobId !== jobId);
    if (this.view?.jobId === jobId) this.close();
    return null;
  }

  /** Starts a job in the environment the rows were previewed in; the core refuses it if that is no longer selected. */
  async start(environmentId: string, rows: StageRow[], name: string): Promise<AppError | null> {
    this.busy = 'start';
    const result = await this.api.call('staging:start', {
      environmentId,
      rows,
      ...(name.trim() ? { name: name.trim() } : {}),
    });
    this.busy = null;
    if (!result.ok) return result.error;
    this.show(result.value);
    return null;
  }

  async open(environmentId: string, jobId: string): Promise<void> {
    const result = await this.api.call('staging:job', { environmentId, jobId });
    if (result.ok) this.show(result.value);
    else this.error = result.error;
  }

  async act(action: JobAction): Promise<void> {
    if (!this.view) return;
    this.busy = action;
    this.error = null;
    const { environmentId, jobId } = this.view;
    const result = await this.api.call(`staging:${action}`, { environmentId, jobId });
    this.busy = null;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.show(result.value);
    if (action === 'retry-failed') this.retried = (result.value as RetriedJob).retry;
  }

  async report(of?: { environmentId: string; jobId: string }): Promise<{ csv: string; rowCount: number } | AppError> {
    const job = of ?? this.view;
    if (!job) return { code: 'no_job', message: 'There is no job to report on.' };
    const { environmentId, jobId } = job;
    const result = await this.api.call('staging:report-csv', { environmentId, jobId });
    return result.ok ? result.value : result.error;
  }

  close(): void {
    this.view = null;
    this.retried = null;
    this.error = null;
  }

  /** Another environment is selected: its jobs are not this one's to show or offer. */
  forget(current: string): void {
    if (this.view && this.view.environmentId !== current) this.close();
    if (this.jobsOf !== current) this.jobs = this.jobs.filter((job) => job.environmentId === current);
  }

  private show(view: JobView): void {
    if (this.view?.jobId !== view.jobId) this.retried = null;
    this.view = view;
    if (view.environmentId !== this.jobsOf) return;
    const progress = progressOf(view);
    const known = this.jobs.some((job) => job.jobId === view.jobId);
    this.jobs = known ? this.jobs.map((job) => (job.jobId === view.jobId ? progress : job)) : [progress, ...this.jobs];
  }

  private onProgress(progress: JobProgress): void {
    const view = this.view;
    if (!view || progress.jobId !== view.jobId) return;
    this.view = { ...view, ...progress };
    // A job that stopped gets its final results at once; a running one every second at most.
    const stopped = progress.state !== 'running';
    if (this.itemsTimer && !stopped) return;
    if (this.itemsTimer) clearTimeout(this.itemsTimer);
    this.itemsTimer = setTimeout(
      () => {
        this.itemsTimer = null;
        void this.refreshItems(progress.jobId);
      },
      stopped ? 0 : ITEMS_EVERY_MS,
    );
  }

  private async refreshItems(jobId: string): Promise<void> {
    const environmentId = this.view?.environmentId;
    if (!environmentId) return;
    const result = await this.api.call('staging:job', { environmentId, jobId });
    if (!result.ok || this.view?.jobId !== jobId) return;
    // Progress may have moved on while the items were fetched: keep the newer counts.
    const newer = Date.parse(this.view.updatedAt) > Date.parse(result.value.updatedAt);
    this.view = newer ? { ...result.value, ...progressOf(this.view) } : result.value;
  }
}

function progressOf(view: JobView): JobProgress {
  const { items: _items, ...progress } = view;
  return progress;
}
