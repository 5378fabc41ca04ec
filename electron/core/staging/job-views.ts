import type { JobOwner, JobProgress, JobState, JobView, StageItemView } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import type { ItemRecord, JobCounts, JobRecord } from './journal';

export interface LiveFigures {
  state: JobState;
  error: AppError | null;
  counts: JobCounts;
  ratePerSecond: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The progress of a job: from its runner's figures while it runs, from the journal otherwise. */
export function progressOf(
  job: JobRecord,
  counts: JobCounts,
  owner: JobOwner | null,
  live?: LiveFigures,
  now?: number,
): JobProgress {
  const state = live?.state ?? job.state;
  const figures = live?.counts ?? counts;
  const remaining = figures.total - figures.done - figures.failed;
  const rate = live ? Math.round(live.ratePerSecond * 10) / 10 : 0;
  return {
    jobId: job.id,
    name: job.name,
    environmentId: job.environmentId,
    state,
    total: figures.total,
    done: figures.done,
    failed: figures.failed,
    remaining,
    waiting: figures.waiting,
    ratePerSecond: rate,
    etaSeconds: remaining === 0 ? 0 : state === 'running' && rate > 0 ? Math.ceil(remaining / rate) : null,
    error: live ? live.error : job.error,
    owner,
    createdAt: iso(job.createdMs),
    updatedAt: iso(now ?? job.updatedMs),
  };
}

export function itemView(item: ItemRecord): StageItemView {
  return {
    orderId: item.orderId,
    line: item.line,
    state: item.state,
    attempts: item.attempts,
    values: item.values,
    orderStatus: item.orderStatus,
    note: item.note,
    error: item.error,
  };
}

export function jobView(progress: JobProgress, items: readonly ItemRecord[]): JobView {
  return { ...progress, items: items.map(itemView) };
}
