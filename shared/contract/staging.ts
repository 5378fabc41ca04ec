import { z } from 'zod';
import type { AppError } from '../result';
import type { LineError } from './common';
import { csvText, isoDateTime, jobId, locationCode, orderId } from './common';
import { channel, event } from './define';

const stageValues = {
  items_count: z.number().int().min(0).max(100_000).optional(),
  bags_count: z.number().int().min(0).max(10_000).optional(),
  items_weight: z.number().min(0).max(100_000).optional(),
  bag_label: z.string().max(64).optional(),
};

export const stageDefaults = z.strictObject(stageValues);
export const stageRow = z.strictObject({ orderId, ...stageValues, line: z.number().int().min(1).optional() });
export type StageRow = z.infer<typeof stageRow>;

export const stageSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('csv'), csv: csvText }),
  z.strictObject({ kind: z.literal('orders'), orderIds: z.array(orderId).min(1).max(5000) }),
  z.strictObject({ kind: z.literal('store-window'), locationCode, from: isoDateTime, to: isoDateTime }),
]);

export const STAGE_ITEM_STATES = ['pending', 'in_flight', 'done', 'failed', 'unknown'] as const;
export type StageItemState = (typeof STAGE_ITEM_STATES)[number];
export type JobState = 'running' | 'paused' | 'waiting_for_network' | 'canceled' | 'finished';

export interface StagePreview {
  rows: StageRow[];
  errors: LineError[];
}

export interface JobProgress {
  jobId: string;
  state: JobState;
  total: number;
  done: number;
  failed: number;
  remaining: number;
  ratePerSecond: number;
  etaSeconds: number | null;
  startedAt: string;
  updatedAt: string;
}

export interface StageItemView {
  orderId: string;
  state: StageItemState;
  attempts: number;
  values: Omit<StageRow, 'orderId' | 'line'>;
  error: AppError | null;
}

export interface JobView extends JobProgress {
  name: string;
  environmentId: string;
  items: StageItemView[];
}

const byJob = z.strictObject({ jobId });

export const stagingChannels = {
  'staging:preview': channel<StagePreview>()(
    z.strictObject({ source: stageSource, defaults: stageDefaults.default({}) }),
  ),
  'staging:start': channel<JobView>()(
    z.strictObject({ rows: z.array(stageRow).min(1).max(5000), name: z.string().max(120).optional() }),
  ),
  'staging:pause': channel<JobView>()(byJob),
  'staging:resume': channel<JobView>()(byJob),
  'staging:cancel': channel<JobView>()(byJob),
  'staging:retry-failed': channel<JobView>()(byJob),
  'staging:job': channel<JobView>()(byJob),
  /** Recent jobs, unfinished ones first: what the console offers to resume after a restart. */
  'staging:jobs': channel<JobProgress[]>()(z.undefined()),
  'staging:report-csv': channel<{ csv: string; rowCount: number }>()(byJob),
};

export const stagingEvents = {
  'staging:progress': event<JobProgress>(),
};
