import type { AttentionKind } from '../../../shared/attention';
import { ATTENTION_LABELS } from '../../../shared/attention';
import type { AttentionList, OrderDetail, WatchSettings } from '../../../shared/contract';
import type { Cache } from '../cache/cache';
import type { Clock, Sleep } from '../clock';
import type { Limiters } from '../connect/limiters';
import type { Emit } from '../events';
import type { Attention } from './attention';
import { createAttention } from './attention';
import { createNearWindow } from './near-window';
import { NoticeBatcher } from './notices';
import type { WatchStore } from './watch-store';
import { ackKey, createWatchStore } from './watch-store';
import { Watcher } from './watcher';

export interface LiveStatusTuning {
  sleep?: Sleep;
  /** Rest of an idle watcher, and the longest the attention list goes unchecked. */
  idleMs?: number;
  /** Least time between two desktop notices. */
  noticeEveryMs?: number;
}

export interface LiveStatusDeps {
  cache: Cache;
  clock: Clock;
  sleep: Sleep;
  emit: Emit;
  limiters: Limiters;
  selected: () => string | null;
  online: (environmentId: string) => boolean;
  userIdle: () => Promise<void>;
  refresh: (environmentId: string, orderId: string) => Promise<OrderDetail>;
  idleMs?: number | undefined;
  noticeEveryMs?: number | undefined;
}

const DEFAULT_NOTICE_EVERY_MS = 5_000;
/** Least time between two looks at the attention list (each reads a day of windows). */
const MIN_RECHECK_MS = 1_000;

/**
 * Live status over one cache: the watcher, the watched orders, the "needs attention" list and the
 * desktop notices. It tells the screens what it learns (`watch:order`, `attention:changed`) and the
 * hosts what to show on the desktop (`watch:notice`).
 */
export class LiveStatus {
  readonly watcher: Watcher;
  private readonly store: WatchStore;
  private readonly attentionList: Attention;
  private readonly notices: NoticeBatcher;
  /** Per environment, the attention rows last told (by key) and their count. */
  private readonly told = new Map<string, { keys: Set<string>; total: number; at: number }>();
  private readonly dirty = new Set<string>();

  constructor(private readonly deps: LiveStatusDeps) {
    const { db } = deps.cache.database;
    this.store = createWatchStore(db, () => deps.clock.now());
    this.attentionList = createAttention(db);
    this.notices = new NoticeBatcher({
      clock: deps.clock,
      sleep: deps.sleep,
      everyMs: deps.noticeEveryMs ?? DEFAULT_NOTICE_EVERY_MS,
      send: (notice) => deps.emit('watch:notice', notice),
    });
    const selectState = db.prepare<[string, string], { status: string; fetched_ms: number }>(
      'SELECT status, fetched_ms FROM orders WHERE environment_id = ? AND order_id = ?',
    );
    const nearWindow = createNearWindow(db);
    this.watcher = new Watcher({
      clock: deps.clock,
      sleep: deps.sleep,
      selected: deps.selected,
      limiterFor: (id) => deps.limiters.for(id),
      online: deps.online,
      userIdle: deps.userIdle,
      refresh: deps.refresh,
      cached: (env, orderId) => {
        const row = selectState.get(env, orderId);
        return row ? { status: row.status, fetchedMs: row.fetched_ms } : null;
      },
      watched: (env) => this.store.watched(env),
      nearWindow,
      settings: (env) => this.store.settings(env),
      learned: (env, orderId, before, detail) => this.learned(env, orderId, before, detail),
      afterTurn: (env) => this.checkAttention(env),
      idleMs: deps.idleMs,
    });
  }

  start(): void {
    this.watcher.start();
  }

  async close(): Promise<void> {
    this.notices.close();
    await this.watcher.close();
  }

  /** The rate the environment's shared limiter has found (the watcher spends its share of it). */
  limiterRate(env: string): number {
    return this.deps.limiters.for(env).rate;
  }

  isWatched(env: string, orderId: string): boolean {
    return this.store.isWatched(env, orderId);
  }

  setWatched(env: string, orderId: string, watched: boolean): { watched: boolean } {
    this.store.setWatched(env, orderId, watched);
    this.audit(env, watched ? 'order.watch' : 'order.unwatch', orderId, { orderId });
    this.watcher.wake();
    return { watched };
  }

  viewing(env: string, orderId: string | null): void {
    this.watcher.setViewing(env, orderId);
  }

  settings(env: string): WatchSettings {
    return this.store.settings(env);
  }

  saveSettings(env: string, changes: Partial<WatchSettings>): WatchSettings {
    const saved = this.store.saveSettings(env, changes);
    this.audit(env, 'watch.settings', null, changes);
    this.dirty.add(env);
    this.watcher.wake();
    return saved;
  }

  /** The list as it is now; `fresh` (a user asking) also looks again at which stores dispatch. */
  attention(env: string, fresh = true): AttentionList {
    const { notStagedMinutes } = this.store.settings(env);
    const now = this.deps.clock.now();
    return this.attentionList.list(env, now, notStagedMinutes, this.store.acknowledged(env), fresh);
  }

  acknowledge(env: string, orderId: string, kind: AttentionKind, cause: string): AttentionList {
    this.store.acknowledge(env, orderId, kind, cause);
    this.audit(env, 'attention.ack', orderId, { kind, cause });
    this.checkAttention(env, true);
    return this.attention(env);
  }

  private learned(env: string, orderId: string, before: string | null, detail: OrderDetail): void {
    const status = detail.order.status;
    if (before === null || before === status) return;
    const watched = this.store.isWatched(env, orderId);
    this.deps.emit('watch:order', { environmentId: env, orderId, status, previousStatus: before, watched });
    if (watched && this.store.settings(env).notifications) {
      const line = `${orderId} is now ${status.replaceAll('_', ' ')}`;
      this.notices.add({ environmentId: env, orderId, line, watched: true });
    }
    this.dirty.add(env);
  }

  /** Recomputes the list when something changed or time moved on, and tells what is new. */
  private checkAttention(env: string, force = false): void {
    const now = this.deps.clock.now();
    const last = this.told.get(env);
    const every = this.deps.idleMs ?? DEFAULT_NOTICE_EVERY_MS;
    // A change is looked at within a second; a quiet list again after `every` (time alone makes rows late).
    if (!force && last && now - last.at < (this.dirty.has(env) ? MIN_RECHECK_MS : every)) return;
    this.dirty.delete(env);
    const list = this.attention(env, false);
    const keys = new Set(list.rows.map((row) => ackKey(row.orderId, row.kind, row.cause)));
    // The first look tells the count only: what was already wrong at start is not news.
    const added = last ? list.rows.filter((row) => !last.keys.has(ackKey(row.orderId, row.kind, row.cause))) : [];
    this.told.set(env, { keys, total: list.total, at: now });
    if (last && last.total === list.total && added.length === 0) return;
    this.deps.emit('attention:changed', { environmentId: env, total: list.total, added: added.slice(0, 20) });
    if (added.length > 0 && this.store.settings(env).notifications) {
      for (const row of added) {
        this.notices.add({
          environmentId: env,
          orderId: row.orderId,
          line: `${row.orderId}: ${ATTENTION_LABELS[row.kind]}`,
        });
      }
    }
  }

  private audit(env: string, action: string, orderId: string | null, request: unknown): void {
    this.deps.cache.audit.recordAudit({ envId: env, action, orderId, request, outcome: 'ok' });
  }
}
