import { z } from 'zod';
import type { AttentionKind } from '../attention';
import { ATTENTION_KINDS } from '../attention';
import { environmentId, orderId } from './common';
import { channel, event } from './define';

export interface WatchSettings {
  /** Share of the environment's found rate the watcher may spend (0.2: a fifth). */
  share: number;
  /** Least time between two background refreshes of one order. */
  floorSeconds: number;
  /** A dispatch order not staged this long before its window starts needs attention. */
  notStagedMinutes: number;
  /** Desktop notifications for watched orders' changes and new attention rows. */
  notifications: boolean;
}

export interface AttentionRow {
  orderId: string;
  kind: AttentionKind;
  /** What the cause is exactly (a status, a reason, a job): an acknowledgement holds until it changes. */
  cause: string;
  /** In words, for the row. */
  why: string;
  status: string;
  windowStartsAt: string | null;
  /** When it was noticed, if the watcher noticed it (ms); rows found in the cache carry the order's fetch time. */
  at: number;
}

export interface AttentionList {
  rows: AttentionRow[];
  /** Rows in all (rows is capped at MAX_ATTENTION_ROWS). */
  total: number;
}

/** What the watcher learned about an order: every screen showing it updates its badge. */
export interface OrderStatusEvent {
  environmentId: string;
  orderId: string;
  status: string;
  previousStatus: string | null;
  watched: boolean;
}

/** The attention list changed: the navigation's count, and the rows that are new since the last event. */
export interface AttentionEvent {
  environmentId: string;
  total: number;
  added: AttentionRow[];
}

/** One batched desktop notification (the hosts show it; clicking it opens `orderId`). */
export interface DesktopNotice {
  environmentId: string;
  title: string;
  body: string;
  /** The order a click opens: the first one the notice names. */
  orderId: string;
}

export const watchSettingsInput = z.strictObject({
  share: z.number().min(0.01, 'At least 1%.').max(0.9, 'At most 90%: staging needs the rest.').optional(),
  floorSeconds: z.number().int().min(10, 'At least 10 seconds.').max(3600, 'At most an hour.').optional(),
  notStagedMinutes: z.number().int().min(1, 'At least a minute.').max(1440, 'At most a day.').optional(),
  notifications: z.boolean().optional(),
});

export const watchChannels = {
  'watch:set': channel<{ watched: boolean }>()(z.strictObject({ environmentId, orderId, watched: z.boolean() })),
  'watch:state': channel<{ watched: boolean }>()(z.strictObject({ environmentId, orderId })),
  /** The order the screen shows (null: none), refreshed first while it is open. */
  'watch:viewing': channel<null>()(z.strictObject({ environmentId, orderId: orderId.nullable() })),
  'watch:settings': channel<WatchSettings>()(z.strictObject({ environmentId })),
  'watch:settings-set': channel<WatchSettings>()(z.strictObject({ environmentId, settings: watchSettingsInput })),
  'attention:list': channel<AttentionList>()(z.strictObject({ environmentId })),
  'attention:ack': channel<AttentionList>()(
    z.strictObject({ environmentId, orderId, kind: z.enum(ATTENTION_KINDS), cause: z.string().min(1).max(300) }),
  ),
};

export const watchEvents = {
  'watch:order': event<OrderStatusEvent>(),
  'attention:changed': event<AttentionEvent>(),
  'watch:notice': event<DesktopNotice>(),
};
