import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITER } from '../../../electron/core/connect/adaptive-limiter';
import { Limiters } from '../../../electron/core/connect/limiters';
import type { CachedState } from '../../../electron/core/watch/watcher';
import { Watcher } from '../../../electron/core/watch/watcher';
import { DEFAULT_WATCH_SETTINGS } from '../../../electron/core/watch/watch-store';
import type { OrderDetail, WatchSettings } from '../../../shared/contract';
import { FakeTime } from '../staging/fake-time';

const ENV = 'sandbox';

/** A watcher over fake parts: an in-memory cache whose fetch time a refresh sets, simulated time. */
function setUp(options: { watched?: string[]; near?: string[]; settings?: Partial<WatchSettings> } = {}) {
  const time = new FakeTime();
  time.now = 1_000_000;
  const limiters = new Limiters(time.clock, time.sleep, { ...DEFAULT_LIMITER, initialRate: 10, maxRate: 10 });
  const cache = new Map<string, CachedState>();
  for (const id of [...(options.watched ?? []), ...(options.near ?? []), 'SHOWN']) {
    cache.set(id, { status: 'acknowledged', fetchedMs: 0 });
  }
  const gets: { at: number; orderId: string }[] = [];
  let online = true;
  let userBusy: Promise<void> | null = null;
  const settings = { ...DEFAULT_WATCH_SETTINGS, ...options.settings };
  const watcher = new Watcher({
    clock: time.clock,
    sleep: time.sleep,
    selected: () => ENV,
    limiterFor: (id) => limiters.for(id),
    online: () => online,
    userIdle: () => userBusy ?? Promise.resolve(),
    refresh: async (_env, orderId) => {
      gets.push({ at: time.now, orderId });
      cache.set(orderId, { status: 'delivering', fetchedMs: time.now });
      return { order: { orderId, status: 'delivering' }, events: [], fromCache: false } as unknown as OrderDetail;
    },
    cached: (_env, orderId) => cache.get(orderId) ?? null,
    watched: () => options.watched ?? [],
    nearWindow: (_env, _now, stale) => (options.near ?? []).filter((id) => cache.get(id)!.fetchedMs < stale),
    settings: () => settings,
    learned: () => {},
    idleMs: 1_000,
  });
  const runFor = (ms: number) => {
    const until = time.now + ms;
    return time.run(() => time.now >= until);
  };
  return {
    time,
    watcher,
    gets,
    runFor,
    limiter: limiters.for(ENV),
    setOnline: (value: boolean) => (online = value),
    setUserBusy: (busy: Promise<void> | null) => (userBusy = busy),
  };
}

describe('Watcher', () => {
  it('refreshes the order on screen first, then watched ones, then the nearest windows, at its share', async () => {
    const w = setUp({ watched: ['W1', 'W2'], near: ['N1', 'N2', 'N3'] });
    w.watcher.setViewing(ENV, 'SHOWN');
    w.watcher.start();
    await w.runFor(10_000);
    expect(w.gets.map((g) => g.orderId)).toEqual(['SHOWN', 'W1', 'W2', 'N1', 'N2', 'N3']);
    // A fifth of the limiter's 10/s: one get every 500 ms.
    const gaps = w.gets.slice(1).map((g, i) => g.at - w.gets[i]!.at);
    expect(gaps.every((gap) => gap >= 500)).toBe(true);
    expect(Math.max(...gaps)).toBeLessThan(600);
    await w.watcher.close();
  });

  it('gets no order again within the floor', async () => {
    const w = setUp({ watched: ['W1'], settings: { floorSeconds: 60 } });
    w.watcher.start();
    await w.runFor(150_000);
    const times = w.gets.map((g) => g.at);
    expect(times.length).toBe(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(60_000);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(60_000);
    await w.watcher.close();
  });

  it('rests while offline and resumes when woken by the network', async () => {
    const w = setUp({ watched: ['W1'] });
    w.setOnline(false);
    w.watcher.start();
    await w.runFor(30_000);
    expect(w.gets).toEqual([]);
    w.setOnline(true);
    const back = w.time.now;
    w.watcher.wake();
    await w.runFor(100);
    expect(w.gets.map((g) => [g.orderId, g.at - back])).toEqual([['W1', 0]]);
    await w.watcher.close();
  });

  it("waits for a user's request in flight before its next get", async () => {
    const w = setUp({ watched: ['W1'] });
    let done = () => {};
    w.setUserBusy(new Promise<void>((resolve) => (done = resolve)));
    w.watcher.start();
    await w.runFor(5_000);
    expect(w.gets).toEqual([]);
    w.setUserBusy(null);
    done();
    await w.runFor(100);
    expect(w.gets.map((g) => g.orderId)).toEqual(['W1']);
    await w.watcher.close();
  });

  it("spends less when the shared limiter's rate is cut", async () => {
    const w = setUp({ near: Array.from({ length: 40 }, (_, i) => `N${i}`) });
    w.watcher.start();
    await w.runFor(2_000);
    const before = w.gets.length;
    // A 429 seen by another user of the limiter (a staging job) halves what the watcher may spend.
    (await w.time.until(w.limiter.acquire())).release('rate_limited');
    const rate = w.limiter.rate;
    const start = w.gets.length;
    await w.runFor(10_000);
    expect(before).toBeGreaterThanOrEqual(4);
    // Uncut it would send 20 in 10 s; the get already paced at the old rate is the one over.
    expect(rate).toBeLessThan(10);
    expect(w.gets.length - start).toBeLessThanOrEqual(Math.ceil(10 * 0.2 * rate) + 2);
    expect(w.gets.length - start).toBeLessThan(18);
    await w.watcher.close();
  });
});
