import { describe, expect, it } from 'vitest';
import type { LimiterOptions } from '../../../electron/core/connect/adaptive-limiter';
import { AdaptiveLimiter, DEFAULT_LIMITER } from '../../../electron/core/connect/adaptive-limiter';
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

/** A 429 at random, whatever the rate: a limit shared with other clients, or the sandbox's error429 fault. */
function randomRefusals(share: number) {
  let state = 12345;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 >= share;
  };
}

/** Sends `n` requests through the limiter to a rate-limited server with a fixed latency, retrying 429s. */
async function simulate(
  n: number,
  limit: number,
  latencyMs: number,
  options?: LimiterOptions,
  admit: (now: number) => boolean = tokenBucket(limit),
) {
  const time = new FakeTime();
  const limiter = new AdaptiveLimiter(time.clock, time.sleep, options);
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
  it('finds an unpublished 20 req/s limit and stays within 5% of the floor, about one request in ten refused', async () => {
    const result = await simulate(1000, 20, 100);
    const floorMs = (1000 / 20) * 1000;
    expect(result.elapsedMs).toBeLessThan(floorMs * 1.05);
    expect(result.refused).toBeLessThan(150);
    expect(result.finalRate).toBeGreaterThan(14);
    expect(result.finalRate).toBeLessThan(30);
  });

  it('finds a much higher limit as well (slow start grows the rate exponentially)', async () => {
    const result = await simulate(3000, 100, 50);
    expect(result.elapsedMs).toBeLessThan(30_000 * 1.15);
  });

  it('keeps a fast API fast when a few 429s come at random, whatever the rate', async () => {
    const result = await simulate(3000, Infinity, 5, DEFAULT_LIMITER, randomRefusals(0.07));
    // 3000 orders at 100/s would take 30 s; the ceiling is the limiter's 32 requests in flight.
    expect(result.elapsedMs).toBeLessThan(30_000);
    expect(result.refused).toBeGreaterThan(100);
  });

  it('cuts the rate once per round trip and once per interval, not once per 429', async () => {
    const time = new FakeTime();
    const limiter = new AdaptiveLimiter(time.clock, time.sleep, { ...DEFAULT_LIMITER, initialRate: 10 });
    const permits = await time.until(Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]));
    // Three requests sent before any answer: all three 429s are one signal.
    for (const permit of permits) permit.release('rate_limited');
    expect(limiter.rate).toBeCloseTo(10 * DEFAULT_LIMITER.decrease);
    time.now += 300;
    (await time.until(limiter.acquire())).release('busy');
    expect(limiter.rate).toBeCloseTo(10 * DEFAULT_LIMITER.decrease);
    time.now += 1_000;
    // Sent after the cut and a second later: a new signal. Nothing was accepted in the last second,
    // so the cut is the deepest one allowed.
    (await time.until(limiter.acquire())).release('rate_limited');
    expect(limiter.rate).toBeCloseTo(10 * DEFAULT_LIMITER.decrease * 0.5);
  });

  it('cuts a sustained overshoot towards what the API accepted, no deeper than half at once', async () => {
    const time = new FakeTime();
    const limiter = new AdaptiveLimiter(time.clock, time.sleep, { ...DEFAULT_LIMITER, initialRate: 60 });
    const answer = async (outcome: 'ok' | 'rate_limited', ms: number) => {
      const permit = await time.until(limiter.acquire());
      time.now += ms;
      permit.release(outcome);
    };
    await answer('rate_limited', 0); // the end of slow start: always a cut, to 54
    expect(limiter.rate).toBeCloseTo(54);
    for (let i = 0; i < 20; i++) await answer('ok', 55); // about 14 accepted a second
    const before = limiter.rate;
    await answer('rate_limited', 5); // 1 refused in the last second's ~15 answers: not a limit
    expect(limiter.rate).toBe(before);
    await answer('rate_limited', 5);
    await answer('rate_limited', 5); // 3 in ~16: the limit; the API accepts ~14/s, the cut stops at half
    expect(limiter.rate).toBeCloseTo(before / 2);
  });

  it('ignores a stray 429 among many accepted answers, but slows a little for a 2003', async () => {
    const time = new FakeTime();
    const limiter = new AdaptiveLimiter(time.clock, time.sleep, { ...DEFAULT_LIMITER, initialRate: 100 });
    const answer = async (outcome: 'ok' | 'rate_limited' | 'busy') => {
      const permit = await time.until(limiter.acquire());
      time.now += 15;
      permit.release(outcome);
    };
    await answer('rate_limited'); // ends slow start
    const after = limiter.rate;
    for (let i = 0; i < 60; i++) await answer('ok');
    await answer('rate_limited');
    expect(limiter.rate).toBe(after);
    await answer('busy');
    expect(limiter.rate).toBeCloseTo(after * DEFAULT_LIMITER.busyDecrease);
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

  it('keeps at most maxInFlight requests outstanding (no growth then), and a canceled wait gives its place back', async () => {
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
    // A request waited for a free place: the API's speed held it back, not the rate, which stays.
    expect(limiter.rate).toBe(1000);
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
