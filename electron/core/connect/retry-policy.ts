import type { Clock } from '../clock';
import type { ConnectError } from './connect-error';

export interface RetryOptions {
  /** Attempts in all, the first one included. */
  attempts: number;
  /** Backoff before the first retry, before jitter. */
  baseMs: number;
  /** Longest backoff, before jitter. */
  capMs: number;
  /**
   * The longest `meta.wait` (code 2003) the client sits out by itself; a longer wait is reported to the
   * user with its time instead (an "order updated recently" wait is 20 minutes).
   */
  maxWaitSeconds: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseMs: 300, capMs: 8_000, maxWaitSeconds: 30 };

/** Full jitter (a uniform pick between 0 and the exponential ceiling), so retrying clients spread out. */
export function backoffMs(options: RetryOptions, retryNumber: number, random: () => number): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.floor(random() * ceiling);
}

/**
 * How long to wait before retrying after `error` on attempt number `attempt`, or null when not to retry.
 * Validation errors are never retried; a 2003 waits what the API asked (plus jitter) when that is short.
 */
export function retryDelay(
  error: ConnectError,
  attempt: number,
  options: RetryOptions,
  random: () => number,
): number | null {
  if (!error.retryable || attempt >= options.attempts) return null;
  const jitter = backoffMs(options, attempt, random);
  if (error.waitSeconds !== undefined) {
    if (error.waitSeconds > options.maxWaitSeconds) return null;
    return error.waitSeconds * 1000 + Math.min(jitter, options.baseMs);
  }
  return jitter;
}

export interface RetryBudgetOptions {
  /** Retries that may happen in a burst. */
  capacity: number;
  /** Retries earned back per second. */
  refillPerSecond: number;
}

export const DEFAULT_RETRY_BUDGET: RetryBudgetOptions = { capacity: 10, refillPerSecond: 0.5 };

/**
 * A token bucket shared by every call of one client: each retry spends a token. During an outage the
 * bucket runs dry within a few calls, and from then on calls fail at their first error instead of
 * multiplying the load and keeping the user waiting; first attempts are never held back.
 */
export class RetryBudget {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly options: RetryBudgetOptions,
    private readonly clock: Clock,
  ) {
    this.tokens = options.capacity;
    this.updatedAt = clock.now();
  }

  /** Takes one retry token if there is one. */
  tryTake(): boolean {
    const now = this.clock.now();
    const earned = (Math.max(0, now - this.updatedAt) / 1000) * this.options.refillPerSecond;
    this.tokens = Math.min(this.options.capacity, this.tokens + earned);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
