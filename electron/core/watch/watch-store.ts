import type { Database } from 'better-sqlite3';
import type { AttentionKind } from '../../../shared/attention';
import type { WatchSettings } from '../../../shared/contract';
import { MAX_WATCHED_ORDERS } from '../../../shared/limits';
import { CoreError } from '../core-error';

export const DEFAULT_WATCH_SETTINGS: WatchSettings = {
  share: 0.2,
  floorSeconds: 60,
  notStagedMinutes: 30,
  notifications: true,
};

/** What the watcher keeps in the cache file: watched orders, acknowledged attention rows, settings. */
export interface WatchStore {
  watched(environmentId: string): string[];
  isWatched(environmentId: string, orderId: string): boolean;
  setWatched(environmentId: string, orderId: string, watched: boolean): void;
  settings(environmentId: string): WatchSettings;
  saveSettings(environmentId: string, changes: Partial<WatchSettings>): WatchSettings;
  acknowledged(environmentId: string): Set<string>;
  acknowledge(environmentId: string, orderId: string, kind: AttentionKind, cause: string): void;
}

/** The key an acknowledgement is kept under: the same order, kind and cause. */
export const ackKey = (orderId: string, kind: string, cause: string) => `${orderId}\u0000${kind}\u0000${cause}`;

export function createWatchStore(db: Database, now: () => number): WatchStore {
  const selectWatched = db.prepare<[string], { order_id: string }>(
    'SELECT order_id FROM watched_orders WHERE environment_id = ? ORDER BY since_ms',
  );
  const selectOne = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM watched_orders WHERE environment_id = ? AND order_id = ?',
  );
  const countWatched = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM watched_orders WHERE environment_id = ?',
  );
  const insertWatched = db.prepare<[string, string, number]>(
    'INSERT OR IGNORE INTO watched_orders (environment_id, order_id, since_ms) VALUES (?, ?, ?)',
  );
  const deleteWatched = db.prepare<[string, string]>(
    'DELETE FROM watched_orders WHERE environment_id = ? AND order_id = ?',
  );
  const selectSettings = db.prepare<[string], { settings: string }>(
    'SELECT settings FROM watch_settings WHERE environment_id = ?',
  );
  const upsertSettings = db.prepare<[string, string, number]>(
    `INSERT INTO watch_settings (environment_id, settings, updated_ms) VALUES (?, ?, ?)
     ON CONFLICT (environment_id) DO UPDATE SET settings = excluded.settings, updated_ms = excluded.updated_ms`,
  );
  const selectAcks = db.prepare<[string], { order_id: string; kind: string; cause: string }>(
    'SELECT order_id, kind, cause FROM attention_acks WHERE environment_id = ?',
  );
  const insertAck = db.prepare<[string, string, string, string, number]>(
    'INSERT OR IGNORE INTO attention_acks (environment_id, order_id, kind, cause, acked_ms) VALUES (?, ?, ?, ?, ?)',
  );

  const settings = (environmentId: string): WatchSettings => {
    const row = selectSettings.get(environmentId);
    return { ...DEFAULT_WATCH_SETTINGS, ...(row ? (JSON.parse(row.settings) as Partial<WatchSettings>) : {}) };
  };
  return {
    watched: (environmentId) => selectWatched.all(environmentId).map((row) => row.order_id),
    isWatched: (environmentId, orderId) => selectOne.get(environmentId, orderId)!.n > 0,
    setWatched(environmentId, orderId, watched) {
      if (!watched) return void deleteWatched.run(environmentId, orderId);
      if (selectOne.get(environmentId, orderId)!.n > 0) return;
      if (countWatched.get(environmentId)!.n >= MAX_WATCHED_ORDERS) {
        throw new CoreError({
          code: 'too_many_watched',
          message: `This environment already watches ${MAX_WATCHED_ORDERS} orders, the most the console refreshes.`,
          hint: 'Stop watching orders that are done (open one and turn Watch off), then watch this one.',
        });
      }
      insertWatched.run(environmentId, orderId, now());
    },
    settings,
    saveSettings(environmentId, changes) {
      const next = { ...settings(environmentId), ...changes };
      upsertSettings.run(environmentId, JSON.stringify(next), now());
      return next;
    },
    acknowledged: (environmentId) =>
      new Set(selectAcks.all(environmentId).map((row) => ackKey(row.order_id, row.kind, row.cause))),
    acknowledge(environmentId, orderId, kind, cause) {
      insertAck.run(environmentId, orderId, kind, cause, now());
    },
  };
}
