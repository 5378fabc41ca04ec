import { describe, expect, it } from 'vitest';
import type { LimiterOptions } from '../../../electron/core/staging/adaptive-limiter';
import { AdaptiveLimiter, DEFAULT_LIMITER } from '../../../electron/core/staging/adaptive-limiter';
import { FakeTime } from './fake-time';

/** The sandbox's limit: a token bucket holding one second's worth, refilled continuously. */
function tokenBucket(limit: number) {
  let tokens = limit;
  let at = 0;
  return (now: number) => {
    tokens = Math.min(limit, tokens + ((now - at) / 1000) * limit);
    at = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/** Sends `n` requests through the limiter to a rate-limited server with a fixed latency, retrying 429s. */
async function simulate(n: number, limit: number, latencyMs: number, options?: LimiterOptions) {
  const time = new FakeTime();
  const limiter = new AdaptiveLimiter(time.clock, time.sleep, options);
  const admit = tokenBucket(limit);
  let queued = n;
  let accepted = 0;
  let refused = 0;
  let maxOutstanding = 0;

  const loop = async () => {
    while (accepted < n) {
      if (queued === 0) {
        await time.sleep(5);
        continue;
      }
      queued--;
      const permit = await limiter.acquire();
      maxOutstanding = Math.max(maxOutstanding, limiter.outstanding);
      void (async () => {
        await time.sleep(latencyMs);
        if (admit(time.now)) {
          accepted++;
          permit.release('ok');
        } else {
          refused++;
          queued++;
          permit.release('rate_limited');
        }
      })();
    }
  };
  // The loop is left parked in its last sleep: the simulation simply stops.
  void loop();
  await time.run(() => accepted >= n);
  return { elapsedMs: time.now, refused, maxOutstanding, finalRate: limiter.rate };
}

describe('AdaptiveLimiter', () => {
  it('finds an unpublished 20 req/s limit and stays within 5% of the floor, wasting few requests', async () => {
    const result = await simulate(1000, 20, 100);
    const floorMs = (1000 / 20) * 1000;
    expect(result.elapsedMs).toBeLessThan(floorMs * 1.05);
    expect(result.refused).toBeLessThan(100);
    expect(result.finalRate).toBeGreaterThan(14);
    expect(result.finalRate).toBeLessThan(30);
  });

  it('finds a much higher limit as well (slow start grows the rate exponentially)', async () => {
    const result = await simulate(3000, 100, 50);
    expect(result.elapsedMs).toBeLessThan(30_000 * 1.15);
  });

  it('cuts the rate once per round trip, not once per 429 of the same burst', async () => {
    const time = new FakeTime();
    const limiter = new AdaptiveLimiter(time.clock, time.sleep, { ...DEFAULT_LIMITER, initialRate: 10 });
    const permits = await time.until(Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]));
    // Three requests sent before any answer: all three 429s are one signal.
    for (const permit of permits) permit.release('rate_limited');
    expect(limiter.rate).toBeCloseTo(10 * DEFAULT_LIMITER.decrease);
    time.now += 200;
    const later = await time.until(limiter.acquire());
    later.release('busy');
    expect(limiter.rate).toBeCloseTo(10 * DEFAULT_LIMITER.decrease ** 2);
  });

  it('does not grow while the rate is not what holds requests back', async () => {
    const time = new FakeTime();
    const limiter = new AdaptiveLimiter(time.clock, time.sleep, { ...DEFAULT_LIMITER, initialRate: 5 });
    for (let i = 0; i < 5; i++) {
      time.now += 10_000; // one request every 10 s: never throttled
      (await time.until(limiter.acquire())).release('ok');
    }
    expect(limiter.rate).toBe(5);
  });

  it('keeps at most maxInFlight requests outstanding, and a canceled wait gives its place back', async () => {
    const time = new FakeTime();
    const limiter = new AdaptiveLimiter(time.clock, time.sleep, {
      ...DEFAULT_LIMITER,
      maxInFlight: 2,
      initialRate: 1000,
    });
    const a = await time.until(limiter.acquire());
    await time.until(limiter.acquire());
    const abort = new AbortController();
    const blocked = limiter.acquire(abort.signal);
    abort.abort(new Error('stop'));
    await expect(blocked).rejects.toThrow('stop');
    expect(limiter.outstanding).toBe(2);
    a.release('ok');
    expect(limiter.outstanding).toBe(1);
    await time.until(limiter.acquire());
    expect(limiter.outstanding).toBe(2);
  });

  it('releasing a permit twice counts once', async () => {
    const time = new FakeTime();
    const limiter = new AdaptiveLimiter(time.clock, time.sleep);
    const permit = await time.until(limiter.acquire());
    permit.release('rate_limited');
    permit.release('rate_limited');
    expect(limiter.outstanding).toBe(0);
  });
});
