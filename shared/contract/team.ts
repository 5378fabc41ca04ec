import { z } from 'zod';
import { channel, event } from './define';

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
};

export const teamEvents = {
  /** Changes other consoles made arrived in this console's cache: a list or order on screen may be out of date. */
  'team:changed': event<{ environmentId: string; count: number }>(),
};
