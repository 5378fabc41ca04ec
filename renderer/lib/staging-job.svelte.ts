import type { JobProgress, JobView, StageRow } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import type { Api } from './api';

export type JobAction = 'pause' | 'resume' | 'cancel' | 'retry-failed';

/** Orders' results are fetched at most this often while a job runs; progress events fill the gaps. */
const ITEMS_EVERY_MS = 1000;

const UNFINISHED = new Set<JobProgress['state']>(['running', 'paused', 'waiting_for_network']);

export const isUnfinished = (job: JobProgress) => UNFINISHED.has(job.state);

/** The job on screen: its progress from the core's events, its orders' results fetched now and then. */
export class StagingJob {
  view = $state<JobView | null>(null);
  /** Jobs of earlier sessions that did not finish, offered for resume. */
  unfinished = $state<JobProgress[]>([]);
  error = $state<AppError | null>(null);
  busy = $state<JobAction | 'start' | null>(null);
  private itemsTimer: ReturnType<typeof setTimeout> | null = null;

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

  async loadUnfinished(environmentId: string): Promise<void> {
    const result = await this.api.call('staging:jobs', { environmentId });
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.unfinished = result.value.filter(isUnfinished);
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
    if (result.ok) this.show(result.value);
    else this.error = result.error;
  }

  async report(): Promise<{ csv: string; rowCount: number } | AppError> {
    if (!this.view) return { code: 'no_job', message: 'There is no job to report on.' };
    const { environmentId, jobId } = this.view;
    const result = await this.api.call('staging:report-csv', { environmentId, jobId });
    return result.ok ? result.value : result.error;
  }

  close(): void {
    this.view = null;
    this.error = null;
  }

  /** Another environment is selected: its jobs are not this one's to show or offer. */
  forget(current: string): void {
    if (this.view && this.view.environmentId !== current) this.close();
    this.unfinished = this.unfinished.filter((job) => job.environmentId === current);
  }

  private show(view: JobView): void {
    this.view = view;
    // On screen now: no longer an offer.
    this.unfinished = this.unfinished.filter((job) => job.jobId !== view.jobId);
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
