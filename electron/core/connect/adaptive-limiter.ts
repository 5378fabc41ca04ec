import type { Clock, Sleep } from '../clock';

export interface LimiterOptions {
  /** Requests per second to start at. */
  initialRate: number;
  minRate: number;
  maxRate: number;
  /** Requests outstanding at once, whatever the rate (protects a server that slows down). */
  maxInFlight: number;
  /** Rate kept after a cut for 429s (multiplicative decrease), unless the API accepted less. */
  decrease: number;
  /**
   * 429s cut the rate only when at least this share of the last second's answers were 429s: a limit
   * met refuses a growing share as the rate climbs past it, while a few at random (a limit shared with
   * other clients) say nothing about this console's rate.
   */
  refusedShareToCut: number;
  /** Rate kept after a 2003 "try later" or a 503: the API is busy, whatever the rate. */
  busyDecrease: number;
  /** Requests per second added per second of success once the limit has been met (additive increase)... */
  increasePerSecond: number;
  /** ...plus this fraction of the rate, so a fast API is regained quickly after a stray 429. */
  growth: number;
  /** Least time between two cuts: the API's limit is per second, and so is what a cut can show. */
  minCutIntervalMs: number;
}

/**
 * Found by simulation and the staging bench against a token-bucket limit: a mild decrease is enough,
 * because the bucket banks what a slower second leaves unused, so the average stays at the limit; and
 * random 429s (a limit shared with others) must not drag a fast API down to a crawl.
 */
export const DEFAULT_LIMITER: LimiterOptions = {
  initialRate: 8,
  minRate: 0.5,
  maxRate: 500,
  maxInFlight: 32,
  decrease: 0.9,
  refusedShareToCut: 0.1,
  busyDecrease: 0.95,
  increasePerSecond: 2,
  growth: 0.1,
  minCutIntervalMs: 500,
};

/** How a request under a permit ended, as far as the rate is concerned ('unused': nothing was sent). */
export type PermitOutcome = 'ok' | 'rate_limited' | 'busy' | 'failed' | 'unused';

export interface Permit {
  /** When the request was let go (clock time). */
  readonly sentAt: number;
  /** Must be called once the answer (or the failure) is in. */
  release(outcome: PermitOutcome): void;
}

/**
 * Before the first 429 each success adds this many requests per second: the rate grows about e^2 (7x)
 * a second, so a fast API is found in a second or two and a slow one is overshot by one round trip.
 */
const SLOW_START_STEP = 2;

/** Growth needs evidence the rate is what holds requests back: a request made to wait this recently. */
const THROTTLED_WINDOW_MS = 1_000;

/** A cut never goes below this share of the rate, whatever the accepted rate measured. */
const DEEPEST_CUT = 0.5;

/**
 * Paces requests to an API whose per-second limit is unpublished and which sends no Retry-After: AIMD,
 * like TCP. It starts slow and grows exponentially (see SLOW_START_STEP) until the first 429. From
 * then on 429s cut the rate when they are a real share of the answers (`refusedShareToCut`), by
 * `decrease` or down to what the API accepted in the last second when that is lower (how the first
 * cut lands near the limit after slow start's overshoot); a 2003 or 503 cuts it a little. Cuts come at
 * most once per round trip (answers to requests sent before a cut say nothing about the rate after it)
 * and once per `minCutIntervalMs`; successes add the rate back. One limiter is shared by every job of
 * an environment, because the limit is.
 */
export class AdaptiveLimiter {
  private current: number;
  private slowStart = true;
  private nextSlotAt = 0;
  private lastCutAt = -Infinity;
  private firstAnswerAt: number | null = null;
  /** The last second's answers: how many were accepted, how many refused with a 429. */
  private answers: { at: number; outcome: PermitOutcome }[] = [];
  private lastThrottledAt = -Infinity;
  /** When a request last waited for a free place: then the API's speed, not the rate, holds requests back. */
  private lastCappedAt = -Infinity;
  private inFlight = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    readonly options: LimiterOptions = DEFAULT_LIMITER,
  ) {
    this.current = options.initialRate;
  }

  /** Requests per second now allowed. */
  get rate(): number {
    return this.current;
  }

  get outstanding(): number {
    return this.inFlight;
  }

  /** Waits for a free place and the next paced slot; rejects if `signal` aborts first. */
  async acquire(signal?: AbortSignal): Promise<Permit> {
    while (this.inFlight >= this.options.maxInFlight) {
      this.lastCappedAt = this.clock.now();
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(signal?.reason as Error);
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiters.push(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    }
    this.inFlight++;
    const now = this.clock.now();
    const at = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = at + 1000 / this.current;
    if (at > now) {
      this.lastThrottledAt = now;
      try {
        await this.sleep(at - now, signal);
      } catch (error) {
        this.free();
        throw error;
      }
    }
    return this.permit(this.clock.now());
  }

  private permit(sentAt: number): Permit {
    let released = false;
    return {
      sentAt,
      release: (outcome) => {
        if (released) return;
        released = true;
        this.free();
        this.feedback(outcome, sentAt);
      },
    };
  }

  private free(): void {
    this.inFlight--;
    this.waiters.shift()?.();
  }

  private feedback(outcome: PermitOutcome, sentAt: number): void {
    const { options } = this;
    const now = this.clock.now();
    if (outcome === 'unused') return;
    this.firstAnswerAt ??= now;
    this.answers.push({ at: now, outcome });
    if (this.answers[0]!.at <= now - 1_000) this.answers = this.answers.filter((a) => a.at > now - 1_000);
    if (outcome === 'rate_limited' || outcome === 'busy') {
      const overshoot = this.slowStart;
      this.slowStart = false;
      if (sentAt <= this.lastCutAt || now - this.lastCutAt < options.minCutIntervalMs) return;
      if (outcome === 'busy') return this.cut(this.current * options.busyDecrease);
      const refused = this.answers.filter((a) => a.outcome === 'rate_limited').length / this.answers.length;
      if (!overshoot && refused < options.refusedShareToCut) return;
      const full = now - this.firstAnswerAt >= 1_000;
      const accepted = full ? this.answers.filter((a) => a.outcome === 'ok').length : Infinity;
      return this.cut(Math.max(this.current * DEEPEST_CUT, Math.min(this.current * options.decrease, accepted)));
    }
    if (outcome !== 'ok' || now - this.lastThrottledAt > THROTTLED_WINDOW_MS) return;
    if (now - this.lastCappedAt <= THROTTLED_WINDOW_MS) return;
    const perSecond = options.increasePerSecond + options.growth * this.current;
    const step = this.slowStart ? SLOW_START_STEP : perSecond / this.current;
    this.current = Math.min(options.maxRate, this.current + step);
  }

  private cut(rate: number): void {
    this.lastCutAt = this.clock.now();
    this.current = Math.max(this.options.minRate, rate);
  }
}
