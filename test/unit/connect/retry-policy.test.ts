import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../../electron/core/connect/connect-error';
import type { RetryOptions } from '../../../electron/core/connect/retry-policy';
import { RetryBudget, backoffMs, retryDelay } from '../../../electron/core/connect/retry-policy';

const options: RetryOptions = { attempts: 4, baseMs: 100, capMs: 1000, maxWaitSeconds: 30 };
const error = (init: Partial<ConstructorParameters<typeof ConnectError>[0]>) =>
  new ConnectError({ kind: 'server_error', status: 503, message: 'm', hint: 'h', ...init });

describe('the retry policy', () => {
  it('backs off with full jitter under an exponential ceiling capped at capMs', () => {
    expect(backoffMs(options, 1, () => 0.999)).toBe(99);
    expect(backoffMs(options, 2, () => 0.999)).toBe(199);
    expect(backoffMs(options, 3, () => 0.5)).toBe(200);
    expect(backoffMs(options, 10, () => 0.999)).toBe(999);
    expect(backoffMs(options, 3, () => 0)).toBe(0);
  });

  it('retries 408, 429, 500, 503, network errors, timeouts and 2003, and never a validation error', () => {
    const random = () => 0.5;
    for (const retryable of [
      error({ kind: 'request_timeout', status: 408 }),
      error({ kind: 'rate_limited', status: 429 }),
      error({ kind: 'server_error', status: 500 }),
      error({ kind: 'server_error', status: 503 }),
      error({ kind: 'network', status: undefined }),
      error({ kind: 'timeout', status: undefined }),
      error({ kind: 'api_busy', status: 400, apiCode: 2003 }),
    ]) {
      expect(retryDelay(retryable, 1, options, random), retryable.kind).toBe(50);
    }
    for (const final of [
      error({ kind: 'api_validation', status: 400, apiCode: 1001 }),
      error({ kind: 'order_id_in_use', status: 400, apiCode: 1003 }),
      error({ kind: 'not_found', status: 404 }),
      error({ kind: 'unauthorized', status: 401 }),
      error({ kind: 'server_error', status: 501 }),
      error({ kind: 'bad_response', status: 200 }),
      error({ kind: 'canceled', status: undefined }),
    ]) {
      expect(retryDelay(final, 1, options, random), final.kind).toBeNull();
    }
  });

  it('stops after the configured number of attempts', () => {
    const failure = error({});
    expect(retryDelay(failure, 3, options, () => 0.5)).not.toBeNull();
    expect(retryDelay(failure, 4, options, () => 0.5)).toBeNull();
  });

  it("honours a 2003's wait, and leaves a wait longer than maxWaitSeconds to the user", () => {
    const busy = error({ kind: 'api_busy', status: 400, apiCode: 2003, waitSeconds: 2 });
    const delay = retryDelay(busy, 1, options, () => 0.5);
    expect(delay).toBe(2050);
    const long = error({ kind: 'api_busy', status: 400, apiCode: 2003, waitSeconds: 1200 });
    expect(retryDelay(long, 1, options, () => 0.5)).toBeNull();
  });
});

describe('the retry budget', () => {
  it('allows a burst of retries, then refuses until time has earned more back', () => {
    let now = 0;
    const budget = new RetryBudget({ capacity: 3, refillPerSecond: 1 }, { now: () => now });
    expect([budget.tryTake(), budget.tryTake(), budget.tryTake()]).toEqual([true, true, true]);
    expect(budget.tryTake()).toBe(false);
    now += 999;
    expect(budget.tryTake()).toBe(false);
    now += 1;
    expect(budget.tryTake()).toBe(true);
    now += 60_000;
    expect([budget.tryTake(), budget.tryTake(), budget.tryTake(), budget.tryTake()]).toEqual([true, true, true, false]);
  });
});
