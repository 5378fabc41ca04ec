import type { OrderDetail, WatchSettings } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import type { Clock, Sleep } from '../clock';
import type { AdaptiveLimiter, PermitOutcome } from '../connect/adaptive-limiter';

/** What the watcher reads of an order in the cache. */
export interface CachedState {
  status: string;
  fetchedMs: number;
}

export interface WatcherDeps {
  clock: Clock;
  sleep: Sleep;
  /** The environment on screen, or null: only it is watched (the handlers refuse the others). */
  selected: () => string | null;
  limiterFor: (environmentId: string) => AdaptiveLimiter;
  online: (environmentId: string) => boolean;
  /** Background work waits while a user's own request is in flight. */
  userIdle: () => Promise<void>;
  /** The Refresh button's path: a get from the API written through the cache and its history. */
  refresh: (environmentId: string, orderId: string) => Promise<OrderDetail>;
  cached: (environmentId: string, orderId: string) => CachedState | null;
  watched: (environmentId: string) => string[];
  /** Orders under way whose window is near now, nearest first, not fetched since `staleBefore`. */
  nearWindow: (environmentId: string, now: number, staleBefore: number, limit: number) => string[];
  settings: (environmentId: string) => WatchSettings;
  /** Told of every answer: the status before it, and the order as it is now. */
  learned: (environmentId: string, orderId: string, before: string | null, detail: OrderDetail) => void;
  /** Called after every turn, busy or idle (the attention list is recomputed from here). */
  afterTurn?: (environmentId: string) => void;
  /** How long an idle watcher waits before it looks again (a wake() cuts it short). */
  idleMs?: number | undefined;
}

const DEFAULT_IDLE_MS = 5_000;
const NEAR_WINDOW_BATCH = 50;

function permitOutcome(error: AppError | undefined): PermitOutcome {
  if (!error) return 'ok';
  if (error.code === 'rate_limited') return 'rate_limited';
  if (error.code === 'api_busy' || error.code === 'server_error') return 'busy';
  return 'failed';
}

/**
 * Refreshes in the background the orders that matter now, in this order: the one open on screen, the
 * watched ones, then orders under way whose window is nearest now. It spends at most `share` of the
 * rate the environment's limiter has found (its requests also take the limiter's permits, so staging
 * and imports keep the rest), waits while a user's request is in flight, rests while the environment
 * is offline, and gets no order again within `floorSeconds` of its last fetch, by anyone.
 */
export class Watcher {
  private stop = new AbortController();
  private wakeUp = new AbortController();
  private running: Promise<void> | null = null;
  private readonly viewing = new Map<string, string>();
  /** Last attempt per order (a failed get leaves the cache's fetch time as it was). */
  private readonly attempted = new Map<string, number>();
  private queue: { environmentId: string; ids: string[] } = { environmentId: '', ids: [] };
  /** Requests sent, for tests and the benchmark. */
  sent = 0;

  constructor(private readonly deps: WatcherDeps) {}

  start(): void {
    this.running ??= this.loop();
  }

  async close(): Promise<void> {
    this.stop.abort(new Error('watcher stopped'));
    this.wakeUp.abort();
    await this.running;
  }

  /** Looks again now (an order opened or watched, the network back); pacing still holds. */
  wake(): void {
    this.wakeUp.abort();
  }

  setViewing(environmentId: string, orderId: string | null): void {
    if (orderId === null) this.viewing.delete(environmentId);
    else this.viewing.set(environmentId, orderId);
    this.wake();
  }

  private async loop(): Promise<void> {
    const { deps } = this;
    const idleMs = deps.idleMs ?? DEFAULT_IDLE_MS;
    while (!this.stop.signal.aborted) {
      const env = deps.selected();
      try {
        if (env === null || !deps.online(env)) {
          await this.rest(idleMs);
          continue;
        }
        await deps.userIdle();
        const orderId = this.next(env);
        if (orderId === null) {
          deps.afterTurn?.(env);
          await this.rest(idleMs);
          continue;
        }
        await this.refreshOne(env, orderId);
        deps.afterTurn?.(env);
      } catch {
        // The cache unusable or the environment gone: look again later; close() ends the loop.
        if (!this.stop.signal.aborted) await this.rest(idleMs);
      }
    }
  }

  private async refreshOne(env: string, orderId: string): Promise<void> {
    const { deps } = this;
    const limiter = deps.limiterFor(env);
    const permit = await limiter.acquire(this.stop.signal);
    this.attempted.set(`${env}\u0000${orderId}`, deps.clock.now());
    const before = deps.cached(env, orderId)?.status ?? null;
    let outcome: PermitOutcome = 'failed';
    try {
      this.sent++;
      const detail = await deps.refresh(env, orderId);
      outcome = permitOutcome(detail.refreshError);
      deps.learned(env, orderId, before, detail);
    } catch {
      // Not cached and not found, or the cache unusable: the next turn picks another order.
    } finally {
      permit.release(outcome);
    }
    // The share is of what the limiter has found now: a cut for 429s slows the watcher as much.
    const share = Math.max(0.01, deps.settings(env).share);
    const gap = 1000 / (share * limiter.rate);
    const wait = permit.sentAt + gap - deps.clock.now();
    if (wait > 0) await deps.sleep(wait, this.stop.signal);
  }

  /** The first order due: on screen, then watched (longest unfetched first), then nearest window. */
  private next(env: string): string | null {
    const { deps } = this;
    const now = deps.clock.now();
    const floorMs = deps.settings(env).floorSeconds * 1000;
    const due = (orderId: string) => {
      const state = deps.cached(env, orderId);
      if (!state) return false;
      const last = Math.max(state.fetchedMs, this.attempted.get(`${env}\u0000${orderId}`) ?? -Infinity);
      return last <= now - floorMs;
    };
    const shown = this.viewing.get(env);
    if (shown !== undefined && due(shown)) return shown;
    const watched = deps
      .watched(env)
      .filter(due)
      .map((id) => ({ id, at: deps.cached(env, id)?.fetchedMs ?? 0 }));
    if (watched.length > 0) return watched.reduce((a, b) => (b.at < a.at ? b : a)).id;
    if (this.queue.environmentId !== env) this.queue = { environmentId: env, ids: [] };
    for (let refilled = false; ; refilled = true) {
      while (this.queue.ids.length > 0) {
        const id = this.queue.ids.shift()!;
        if (due(id)) return id;
      }
      if (refilled) return null;
      this.queue.ids = deps.nearWindow(env, now, now - floorMs, NEAR_WINDOW_BATCH);
    }
  }

  private async rest(ms: number): Promise<void> {
    // Woken since the last rest: something changed while this turn ran, so look at once.
    if (this.wakeUp.signal.aborted) {
      this.wakeUp = new AbortController();
      return;
    }
    const signal = AbortSignal.any([this.stop.signal, this.wakeUp.signal]);
    await this.deps.sleep(ms, signal).catch(() => undefined);
    if (this.wakeUp.signal.aborted) this.wakeUp = new AbortController();
  }
}
