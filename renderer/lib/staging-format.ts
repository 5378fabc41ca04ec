import type { JobState, StageItemState } from '../../shared/contract';

export const JOB_STATE_LABELS: Record<JobState, string> = {
  running: 'Running',
  paused: 'Paused',
  waiting_for_network: 'Waiting for the network',
  canceled: 'Canceled',
  finished: 'Finished',
};

export const ITEM_STATE_LABELS: Record<StageItemState, string> = {
  pending: 'Waiting',
  in_flight: 'Sending',
  done: 'Staged',
  failed: 'Failed',
  unknown: 'Being checked',
};

/** "about 2 min 5 s"; null when there is nothing to estimate. */
export function formatEta(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `about ${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `about ${minutes} min ${whole % 60} s`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatRate(perSecond: number): string {
  return `${perSecond >= 10 ? Math.round(perSecond) : perSecond.toFixed(1)} orders/s`;
}

/** How long the API asked to wait before an order is sent again: "30 s", "10 min". */
export function formatWait(seconds: number): string {
  return seconds < 90 ? `${Math.ceil(seconds)} s` : `${Math.ceil(seconds / 60)} min`;
}
