import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StagingSandbox } from '../../support/staging-sandbox';
import { startStagingSandbox } from '../../support/staging-sandbox';
import { stageWhileWatching } from '../../support/watch-load';

const LIMIT = 20;
const ORDERS = 200;
const SHARE = 0.2;

let env: StagingSandbox;

beforeAll(async () => {
  env = await startStagingSandbox(ORDERS, { faults: { latencyMs: 20, rateLimitPerSecond: LIMIT } });
});
afterAll(async () => {
  await env.sandbox.close();
});

describe('the watcher beside a staging job, sharing the environment limiter', () => {
  it('keeps to its share while the job stages at what the limit leaves', async () => {
    const staging = new Set(env.stageable);
    // Sixty watched orders at a 10 s floor could take 6 gets a second: the share, not the floor, binds.
    const watched = env.sandbox
      .demoOrders()
      .filter((o) => !staging.has(o.orderId))
      .slice(0, 60);
    const outcome = await stageWhileWatching(env, env.stageable.slice(0, ORDERS), watched);
    expect(outcome.staged).toBe(ORDERS);
    // It does refresh beside the job (a busy machine slows it well below its share, never above it).
    expect(outcome.watcherRate).toBeGreaterThan(0.2);
    expect(outcome.watcherRate).toBeLessThanOrEqual(SHARE * LIMIT * 1.25);
    // The job keeps what the watcher leaves of the limit: no cut of the shared rate drags both down.
    expect(outcome.jobRate).toBeGreaterThanOrEqual((LIMIT - outcome.watcherRate) * 0.8);
    expect(env.audit(env.stageable.slice(0, ORDERS))).toEqual({ doubled: [], missing: [] });
  }, 60_000);
});
