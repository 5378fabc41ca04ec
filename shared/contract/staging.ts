import { z } from 'zod';
import type { AppError } from '../result';
import type { NumericStageField } from '../stage-values';
import { MAX_JOB_ORDERS, MAX_ORDER_ID } from '../limits';
import { BAG_LABEL_MAX, BAG_LABEL_TOO_LONG, STAGE_VALUE_RULES } from '../stage-values';
import type { LineError } from './common';
import { csvFile, csvText, environmentId, isoDateTime, jobId, locationCode, orderId } from './common';
import { channel, event } from './define';

const stageNumber = (field: NumericStageField) => {
  const rule = STAGE_VALUE_RULES[field];
  const number = rule.integer ? z.number().int(rule.notInteger) : z.number();
  return number.min(0, rule.negative).max(rule.max, rule.tooLarge).optional();
};

const stageValues = {
  items_count: stageNumber('items_count'),
  bags_count: stageNumber('bags_count'),
  items_weight: stageNumber('items_weight'),
  bag_label: z.string().max(BAG_LABEL_MAX, BAG_LABEL_TOO_LONG).optional(),
};

/** What a stage request carries for one order (stage-order.txt); every field is optional. */
export const stageDefaults = z.strictObject(stageValues);
export type StageValues = z.infer<typeof stageDefaults>;
/** One order to stage, with its values; `line` is where it came from (CSV line, or position in a list). */
export const stageRow = z.strictObject({ orderId, ...stageValues, line: z.number().int().min(1).optional() });
export type StageRow = z.infer<typeof stageRow>;

export const stageSource = z.discriminatedUnion('kind', [
  /** A staging sheet: order_id, bags_count, items_count, items_weight, bag_label (header optional), pasted. */
  z.strictObject({ kind: z.literal('csv'), csv: csvText }),
  /** The same sheet chosen as a file: its bytes, so that its encoding is read rather than guessed. */
  csvFile,
  /** Orders picked from search results. */
  z.strictObject({ kind: z.literal('orders'), orderIds: z.array(orderId).min(1).max(MAX_JOB_ORDERS) }),
  /** Orders scanned at the shelf, each with the bags scanned for it. */
  z.strictObject({
    kind: z.literal('scanned'),
    orders: z
      .array(z.strictObject({ orderId, bags_count: stageNumber('bags_count').unwrap() }))
      .min(1)
      .max(MAX_JOB_ORDERS),
  }),
  /** Every cached order of a store whose delivery window starts in [from, to). */
  z.strictObject({ kind: z.literal('store-window'), locationCode, from: isoDateTime, to: isoDateTime }),
]);

export const STAGE_ITEM_STATES = ['pending', 'in_flight', 'done', 'failed', 'unknown'] as const;
export type StageItemState = (typeof STAGE_ITEM_STATES)[number];
/**
 * running: sending; paused: stopped by the user, or by the console (its `error` says why, e.g. the
 * console was closed mid-job); waiting_for_network: the API stopped answering, the job goes on by
 * itself when it answers again; canceled: stopped for good; finished: every order staged or failed.
 */
export type JobState = 'running' | 'paused' | 'waiting_for_network' | 'canceled' | 'finished';

/**
 * An order the preview left out, and why (already staged, canceled, not a dispatch order...). At most
 * MAX_EXCLUDED_ORDERS are listed; then one last entry, with an empty orderId, counts the others (`omitted`).
 */
export interface ExcludedOrder {
  orderId: string;
  reason: string;
  omitted?: number;
  /** For an order the user listed and the cache knows cannot be staged: the row, to put back if the cache is wrong. */
  row?: StageRow;
}

/** What the console knows of a scanned code: the order it names, and how many bags it expects. */
export interface ScanLookup {
  code: string;
  /** The order, when the code is a cached order's id or bag label; null when it names none. */
  orderId: string | null;
  status: string | null;
  /** The bags the order expects (its bags count as staged or sent), null when not known. */
  bagsExpected: number | null;
  /** Why it should not be staged (already staged, delivered, canceled), by the cache; null when it may be. */
  problem: string | null;
}

export interface StagePreview {
  /** The orders to stage, in order, with the defaults applied where a row left a value empty. */
  rows: StageRow[];
  /** Lines (or list positions) that cannot be staged, each with what is wrong and what to do (capped). */
  errors: LineError[];
  /** For a store and window: cached orders that were left out, with the reason. */
  excluded: ExcludedOrder[];
}

/** Who runs a job: this console (`here`), or another process on the same data folder. */
export interface JobOwner {
  pid: number;
  here: boolean;
}

export interface JobProgress {
  jobId: string;
  name: string;
  environmentId: string;
  state: JobState;
  total: number;
  done: number;
  failed: number;
  /** Neither staged nor failed yet (pending, in flight, or being looked up). */
  remaining: number;
  /** Of the remaining, those the API asked to wait for (429, 2003, 423): sent again by the job itself. */
  waiting: number;
  /** Orders settled per second over the last few seconds. */
  ratePerSecond: number;
  etaSeconds: number | null;
  /** Why the job is paused or waiting (console closed mid-job, network lost, credentials refused). */
  error: AppError | null;
  /** Null while nobody runs it; a job running in another console can only be watched from this one. */
  owner: JobOwner | null;
  createdAt: string;
  updatedAt: string;
}

export interface StageItemView {
  orderId: string;
  line: number | null;
  state: StageItemState;
  attempts: number;
  values: StageValues;
  /** The order's status as the API last reported it (after the stage, or after a look-up). */
  orderStatus: string | null;
  /** How it ended when not by a plain stage ("Already staged before this job", "confirmed by a look-up"). */
  note: string | null;
  /** Why it failed (or, while retrying, the last error), with the plain-language hint. */
  error: AppError | null;
}

export interface JobView extends JobProgress {
  items: StageItemView[];
}

/** What "Retry failed" did: how many orders it sent again, and those it left, each with why (capped). */
export interface RetrySummary {
  retried: number;
  left: { orderId: string; reason: string }[];
}

export interface RetriedJob extends JobView {
  retry: RetrySummary;
}

/** A job, and the environment the screen naming it belongs to: a job is only acted on from its own environment. */
const byJob = z.strictObject({ environmentId, jobId });

export const stagingChannels = {
  'staging:preview': channel<StagePreview>()(
    z.strictObject({ environmentId, source: stageSource, defaults: stageDefaults.default({}) }),
  ),
  /** Creates the job in the journal (every row as pending) for the given environment, and starts it. */
  'staging:start': channel<JobView>()(
    z.strictObject({
      environmentId,
      rows: z.array(stageRow).min(1).max(MAX_JOB_ORDERS),
      name: z.string().max(120).optional(),
    }),
  ),
  'staging:pause': channel<JobView>()(byJob),
  /** Resumes a paused job (also one interrupted by a restart): orders sent just before are looked up first. */
  'staging:resume': channel<JobView>()(byJob),
  /** Stops for good: orders not yet sent stay unsent; those in flight are settled. */
  'staging:cancel': channel<JobView>()(byJob),
  /** Puts the failed orders a retry may stage back in the queue and runs the job; says which it left and why. */
  'staging:retry-failed': channel<RetriedJob>()(byJob),
  /** Removes a job that is not running from the history, with its report. */
  'staging:remove-job': channel<{ removed: true }>()(byJob),
  'staging:job': channel<JobView>()(byJob),
  /** A code a scanner read (an order id or a bag label), looked up in the cache. */
  'staging:scan-lookup': channel<ScanLookup>()(
    z.strictObject({ environmentId, code: z.string().min(1).max(MAX_ORDER_ID) }),
  ),
  /**
   * The environment's job history (MAX_LISTED_JOBS), unfinished jobs first: what the console offers to resume
   * after a restart. With `running`, only the jobs running here or in another console (the header's indicator).
   */
  'staging:jobs': channel<JobProgress[]>()(z.strictObject({ environmentId, running: z.boolean().optional() })),
  /** One row per order: order id, line, result, status, attempts, error and what to do. */
  'staging:report-csv': channel<{ csv: string; rowCount: number }>()(byJob),
};

export const stagingEvents = {
  'staging:progress': event<JobProgress>(),
};
