import type { Clock } from '../clock';
import type { Sleep } from '../connect/requester';

export interface LimiterOptions {
  /** Requests per second to start at. */
  initialRate: number;
  minRate: number;
  maxRate: number;
  /** Requests outstanding at once, whatever the rate (protects a server that slows down). */
  maxInFlight: number;
  /** Rate kept after a 429 or a "busy" answer (multiplicative decrease). */
  decrease: number;
  /** Requests per second added per second of success once the limit has been met (additive increase). */
  increasePerSecond: number;
}

/**
 * Found by the staging bench against a token-bucket limit: a mild decrease is enough, because the
 * bucket banks what a slower second leaves unused, so the average stays at the limit.
 */
export const DEFAULT_LIMITER: LimiterOptions = {
  initialRate: 8,
  minRate: 0.5,
  maxRate: 500,
  maxInFlight: 32,
  decrease: 0.85,
  increasePerSecond: 2,
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

/**
 * Paces requests to an API whose per-second limit is unpublished and which sends no Retry-After: AIMD,
 * like TCP. It starts slow and grows exponentially (see SLOW_START_STEP) until the
 * first 429; then every 429 or 2003 "try later" cuts the rate by `decrease` (at most once per round
 * trip: the answers to requests sent before a cut say nothing about the rate after it), and each
 * success adds back a little. One limiter is shared by every job of an environment, because the limit is.
 */
export class AdaptiveLimiter {
  private current: number;
  private slowStart = true;
  private nextSlotAt = 0;
  private lastCutAt = -Infinity;
  private lastThrottledAt = -Infinity;
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
    if (outcome === 'rate_limited' || outcome === 'busy') {
      this.slowStart = false;
      if (sentAt <= this.lastCutAt) return;
      this.lastCutAt = now;
      this.current = Math.max(options.minRate, this.current * options.decrease);
      return;
    }
    if (outcome !== 'ok' || now - this.lastThrottledAt > THROTTLED_WINDOW_MS) return;
    const step = this.slowStart ? SLOW_START_STEP : options.increasePerSecond / this.current;
    this.current = Math.min(options.maxRate, this.current + step);
  }
}
