import { z } from 'zod';
import { environmentId, isoDateTime, jobId } from './common';
import { channel, event } from './define';
import type { JobState } from './staging';

const id = z.string().min(1).max(64);

export interface TeamSyncStatus {
  state: 'connecting' | 'online' | 'offline';
  /** Why it is offline, in words (never the password). */
  problem: string | null;
  /** Local writes not yet in the team database. */
  pending: number;
  lastSyncMs: number | null;
}

export interface TeamView {
  environmentId: string;
  /** The address without its password; null when the environment works alone. */
  url: string | null;
  hasPassword: boolean;
  sync: TeamSyncStatus | null;
}

const count = z.number().int().min(0);
const JOB_STATES = ['running', 'paused', 'waiting_for_network', 'canceled', 'finished'] as const satisfies JobState[];

/**
 * A staging job of another console of the team, as it published it (about twice a second while it runs,
 * and once when it ends). The core checks it against this schema as it comes from the team database.
 */
export const teamJobProgress = z.strictObject({
  environmentId,
  jobId,
  consoleName: z.string().min(1).max(200),
  name: z.string().max(200),
  state: z.enum(JOB_STATES),
  total: count,
  staged: count,
  failed: count,
  /** Neither staged nor failed yet. */
  pending: count,
  updatedAt: isoDateTime,
});
export type TeamJobProgress = z.infer<typeof teamJobProgress>;

/** An environment's team database: set on the Environments screen, like its client secret. */
export const teamChannels = {
  'team:get': channel<TeamView>()(z.strictObject({ id })),
  /** `url: null` makes the environment work alone again; a password goes to the keychain and never comes back. */
  'team:set': channel<TeamView>()(
    z.strictObject({
      id,
      url: z.string().trim().min(1, 'Enter the team database address.').max(2048).nullable(),
      password: z.string().min(1).max(1024).optional(),
    }),
  ),
  'team:test': channel<{ schemaVersion: number; pending: number }>()(z.strictObject({ id })),
  /**
   * The staging jobs other consoles of the team are running in the environment (MAX_TEAM_JOBS, newest
   * first), for a screen opened after they started; empty when the environment works alone.
   */
  'team:staging-jobs': channel<TeamJobProgress[]>()(z.strictObject({ environmentId })),
};

export const teamEvents = {
  /** Changes other consoles made arrived in this console's cache: a list or order on screen may be out of date. */
  'team:changed': event<{ environmentId: string; count: number }>(),
  /** A staging job of another console of the team moved on (counts or state): view only, from this console. */
  'team:staging-progress': event<TeamJobProgress>(),
  /**
   * The team database's notifications are heard again (connected, or back after it was lost): what went
   * out while they were not (another console's job that started or ended) must be asked for again.
   */
  'team:listening': event<{ environmentId: string }>(),
};
