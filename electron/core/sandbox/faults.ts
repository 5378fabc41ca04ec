import { z } from 'zod';
import type { Random } from './random';
import { createRandom } from './random';

/** Fault injection for API routes; everything is off by default. Rates are probabilities from 0 to 1. */
export interface FaultConfig {
  /** Added to every API response. */
  latencyMs: number;
  /** Up to this much more, uniformly. */
  jitterMs: number;
  /** Requests per second over all API routes (a token bucket holding one second); 0 for no limit. */
  rateLimitPerSecond: number;
  error500: number;
  error503: number;
  /** A 429 at random, as a limit shared with other clients of the retailer would give (on top of rateLimitPerSecond). */
  error429: number;
  /** The transient 2003 of create, update and stage. */
  wait2003: number;
  /** Its meta.wait, in seconds (the pages show "30"). */
  wait2003Seconds: number;
  /** The connection is destroyed with no response. */
  dropConnection: number;
  /** Whether a drop happens before the request is handled, after (its effect kept), or either at random. */
  dropPhase: 'before' | 'after' | 'either';
  /** A 200 whose JSON body is cut in half. */
  malformedJson: number;
  /** A response whose body trickles out over slowBodyMs. */
  slowBody: number;
  slowBodyMs: number;
  /** Seeds the draws, so a run with the same requests in the same order meets the same faults. */
  seed: number;
}

const rate = z.number().min(0, 'A rate is at least 0.').max(1, 'A rate is a probability, at most 1.');
const ms = z.number().int('Whole milliseconds.').min(0).max(600_000);

export const faultConfigSchema = z.strictObject({
  latencyMs: ms,
  jitterMs: ms,
  rateLimitPerSecond: z.number().min(0).max(100_000),
  error500: rate,
  error503: rate,
  error429: rate,
  wait2003: rate,
  wait2003Seconds: z.number().int().min(0).max(86_400),
  dropConnection: rate,
  dropPhase: z.enum(['before', 'after', 'either']),
  malformedJson: rate,
  slowBody: rate,
  slowBodyMs: ms,
  seed: z.number().int(),
});

export function defaultFaults(seed: number): FaultConfig {
  return {
    latencyMs: 0,
    jitterMs: 0,
    rateLimitPerSecond: 0,
    error500: 0,
    error503: 0,
    error429: 0,
    wait2003: 0,
    wait2003Seconds: 30,
    dropConnection: 0,
    dropPhase: 'either',
    malformedJson: 0,
    slowBody: 0,
    slowBodyMs: 2000,
    seed,
  };
}

/** What happens to one API request, drawn up front so the draws do not depend on timing. */
export interface FaultPlan {
  delayMs: number;
  dropBefore: boolean;
  inject: 500 | 503 | 429 | 2003 | null;
  dropAfter: boolean;
  malformed: boolean;
  slowMs: number;
}

export interface FaultController {
  config(): FaultConfig;
  /** Validates and merges; throws an Error naming the bad field. */
  set(partial: Partial<FaultConfig>): FaultConfig;
  plan(allows2003: boolean): FaultPlan;
  /** Takes one request from the rate limit; false means answer 429. */
  admit(nowMs: number): boolean;
}

export function createFaults(initial: FaultConfig): FaultController {
  let config = initial;
  let random: Random = createRandom(config.seed);
  let tokens = config.rateLimitPerSecond;
  let refilledAt = 0;

  return {
    config: () => ({ ...config }),
    set(partial) {
      const parsed = faultConfigSchema.partial().safeParse(partial);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`Invalid fault setting ${issue?.path.join('.') || ''}: ${issue?.message ?? 'invalid'}`);
      }
      const next = { ...config, ...parsed.data };
      if (next.seed !== config.seed) random = createRandom(next.seed);
      if (next.rateLimitPerSecond !== config.rateLimitPerSecond) {
        tokens = next.rateLimitPerSecond;
        refilledAt = 0;
      }
      config = next;
      return { ...config };
    },
    plan(allows2003) {
      // Always the same number of draws per request, so one fault's rate does not shift the others.
      const jitter = random.next();
      const drop = random.next() < config.dropConnection;
      const phase = random.next();
      const dropEarly = config.dropPhase === 'before' || (config.dropPhase === 'either' && phase < 0.5);
      const roll = random.next();
      const malformed = random.next() < config.malformedJson;
      const slow = random.next() < config.slowBody;
      let inject: FaultPlan['inject'] = null;
      if (roll < config.error500) inject = 500;
      else if (roll < config.error500 + config.error503) inject = 503;
      else if (roll < config.error500 + config.error503 + config.error429) inject = 429;
      else if (allows2003 && roll < config.error500 + config.error503 + config.error429 + config.wait2003)
        inject = 2003;
      return {
        delayMs: config.latencyMs + Math.floor(jitter * config.jitterMs),
        dropBefore: drop && dropEarly,
        inject,
        dropAfter: drop && !dropEarly,
        malformed,
        slowMs: slow ? config.slowBodyMs : 0,
      };
    },
    admit(nowMs) {
      const limit = config.rateLimitPerSecond;
      if (limit <= 0) return true;
      if (refilledAt === 0) refilledAt = nowMs;
      tokens = Math.min(limit, tokens + ((nowMs - refilledAt) / 1000) * limit);
      refilledAt = nowMs;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
