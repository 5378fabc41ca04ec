import type { JobProgress } from './contract';

/** How a job another console runs is named, wherever it is listed: "running in another console (pid 4242)". */
export function runningElsewhere(job: Pick<JobProgress, 'owner'>): string | null {
  return job.owner && !job.owner.here ? `running in another console (pid ${job.owner.pid})` : null;
}
