import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrderClaims } from '../../../electron/core/staging/job-claims';
import { JobClaims } from '../../../electron/core/staging/job-claims';
import type { AppError } from '../../../shared/result';

/** The team's claims of one environment, answering as `overrides` say and otherwise taking everything. */
function jobClaimsOf(overrides: Partial<OrderClaims>): JobClaims {
  const claims: OrderClaims = {
    claim: async () => new Map(),
    renew: async () => true,
    release: async () => undefined,
    renewEveryMs: 15_000,
    leaseMs: 60_000,
    ...overrides,
  };
  return new JobClaims(
    () => claims,
    () => Date.now(),
  );
}

/** Claims whose renewals answer, in turn, as `answers` says: 'ok', 'lapsed' (false) or 'down' (throws). */
async function keeping(answers: ('ok' | 'lapsed' | 'down')[]) {
  const asked: number[] = [];
  const jobClaims = jobClaimsOf({
    renew: async () => {
      asked.push(Date.now());
      const answer = answers.shift() ?? 'ok';
      if (answer === 'down') throw new Error('connect ECONNREFUSED');
      return answer === 'ok';
    },
  });
  const claim = await jobClaims.take('prod', ['ORD-1']);
  jobClaims.hold('job-1', claim);
  const paused: { at: number; error: AppError }[] = [];
  const stop = jobClaims.keep('job-1', { pause: (error) => paused.push({ at: Date.now(), error }), items: [] });
  return { asked, paused, stop };
}

describe('renewing a running job’s claims', () => {
  afterEach(() => vi.useRealTimers());

  it('tries a failed renewal again and keeps the job running when the next one answers', async () => {
    vi.useFakeTimers({ now: 0 });
    const { asked, paused, stop } = await keeping(['down', 'down', 'ok', 'down', 'down']);
    await vi.advanceTimersByTimeAsync(100_000);
    expect(asked).toEqual([15_000, 30_000, 45_000, 60_000, 75_000, 90_000]);
    expect(paused).toEqual([]);
    await stop();
  });

  it('pauses only when the claims could lapse before the next try', async () => {
    vi.useFakeTimers({ now: 0 });
    const { asked, paused, stop } = await keeping(['down', 'down', 'down', 'down']);
    await vi.advanceTimersByTimeAsync(100_000);
    // Claimed at 0, so they last until 60 s: the try at 45 s is the last one that can keep them.
    expect(asked).toEqual([15_000, 30_000, 45_000]);
    expect(paused).toEqual([{ at: 45_000, error: expect.objectContaining({ code: 'team_claims_lost' }) }]);
    await stop();
  });

  it('pauses at once when the team database says the claims lapsed', async () => {
    vi.useFakeTimers({ now: 0 });
    const { paused, stop } = await keeping(['lapsed']);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(paused.map((p) => [p.at, p.error.code])).toEqual([[15_000, 'team_claims_lost']]);
    await stop();
  });

  it('counts a renewal that never answers as failed', async () => {
    vi.useFakeTimers({ now: 0 });
    const jobClaims = jobClaimsOf({ renew: () => new Promise<boolean>(() => undefined) });
    jobClaims.hold('job-1', await jobClaims.take('prod', ['ORD-1']));
    const paused: number[] = [];
    const stop = jobClaims.keep('job-1', { pause: () => paused.push(Date.now()), items: [] });
    await vi.advanceTimersByTimeAsync(100_000);
    expect(paused).toEqual([45_000]);
    await stop();
  });
});

describe('a job’s claims when it stops', () => {
  it('keeps the orders it staged marked as staged and gives the others back', async () => {
    const released: { claimId: string; staged: readonly string[] }[] = [];
    const jobClaims = jobClaimsOf({
      release: async (claimId, staged) => {
        released.push({ claimId, staged });
      },
    });
    const claim = await jobClaims.take('prod', ['ORD-1', 'ORD-2', 'ORD-3']);
    jobClaims.hold('job-1', claim);
    const items = [
      { orderId: 'ORD-1', state: 'done' },
      { orderId: 'ORD-2', state: 'failed' },
      { orderId: 'ORD-3', state: 'pending' },
    ];
    await jobClaims.keep('job-1', { pause: () => undefined, items })();
    expect(released).toEqual([{ claimId: claim!.claimId, staged: ['ORD-1'] }]);
  });

  it('refuses a job whose orders are all staged, saying that they need no second stage', async () => {
    const jobClaims = jobClaimsOf({
      claim: async (_claimId, orderIds) =>
        new Map(orderIds.map((orderId) => [orderId, { consoleName: 'ana', staged: true }])),
    });
    await expect(jobClaims.take('prod', ['ORD-1', 'ORD-2'])).rejects.toMatchObject({
      appError: {
        code: 'staged_elsewhere',
        message: 'All 2 orders are already staged by ana.',
        hint: 'A staged order needs no second stage: stage other orders.',
      },
    });
  });
});
