import { randomUUID } from 'node:crypto';
import type { AppError } from '../../../shared/result';
import { CoreError } from '../core-error';

/** Which orders of an environment other consoles of the team are staging (see team/team-claims.ts). */
export interface OrderClaims {
  /** Takes the orders no other running job holds; answers who holds each of the others. */
  claim(claimId: string, orderIds: readonly string[]): Promise<Map<string, string>>;
  /** Extends the claims while the job runs; false when they lapsed. */
  renew(claimId: string): Promise<boolean>;
  release(claimId: string): Promise<void>;
  /** How often `renew` is called. */
  renewEveryMs: number;
  /** How long the claims last after a renewal (or the claim) the team database took. */
  leaseMs: number;
}

/** A job's claim on its orders, and the orders it could not have, with who holds each. */
export interface Claim {
  claims: OrderClaims;
  claimId: string;
  heldBy: Map<string, string>;
  /** Until when the claims surely last: the lease counted from when the last request that set it was sent. */
  lastsUntil: number;
}

const CLAIMS_LOST: AppError = {
  code: 'team_claims_lost',
  message: 'The team database stopped answering, so this job paused: its orders could be taken by another console.',
  hint: 'Resume it once the team database can be reached again.',
};

const release = (claim: Claim) => claim.claims.release(claim.claimId).catch(() => undefined);

/**
 * Staging jobs' claims on their orders in team mode, so two consoles starting the same sheet at once
 * never stage an order twice. Without a team database every call is a no-op.
 */
export class JobClaims {
  private readonly held = new Map<string, Claim>();

  constructor(
    private readonly claimsFor: ((environmentId: string) => OrderClaims | null) | undefined,
    private readonly now: () => number,
  ) {}

  /**
   * Claims the orders for a job; refused when the team cannot be asked, when it holds them all, or (with
   * `need` 'all', a resume) when it holds any of them.
   */
  async take(environmentId: string, orderIds: readonly string[], need: 'some' | 'all' = 'some'): Promise<Claim | null> {
    const claims = this.claimsFor?.(environmentId) ?? null;
    if (!claims) return null;
    const claimId = randomUUID();
    const sentAt = this.now();
    let heldBy: Map<string, string>;
    try {
      heldBy = await claims.claim(claimId, orderIds);
    } catch (error) {
      throw new CoreError(
        {
          code: 'team_claims_unavailable',
          message:
            'The team database cannot be asked which orders other consoles are staging, so the job was not started.',
          hint: 'Start it again once the team database can be reached (test it under Environments): staging now could send an order another console is sending.',
          retryable: true,
        },
        { cause: error },
      );
    }
    const claim = { claims, claimId, heldBy, lastsUntil: sentAt + claims.leaseMs };
    if (heldBy.size > 0 && (need === 'all' || heldBy.size === orderIds.length)) {
      await release(claim);
      const holders = [...new Set(heldBy.values())].join(', ');
      const count = orderIds.length;
      throw new CoreError({
        code: 'staged_elsewhere',
        message:
          heldBy.size === count
            ? `${count === 1 ? 'This order is' : `All ${count} orders are`} being staged by ${holders}.`
            : `${heldBy.size} of the ${count} orders left in this job are being staged by ${holders}.`,
        hint: 'Wait for that job to finish (it shows in the list of jobs), or stage other orders.',
      });
    }
    return claim;
  }

  /** The claim now belongs to the job, kept while it runs. */
  hold(jobId: string, claim: Claim | null): void {
    if (claim) this.held.set(jobId, claim);
  }

  /** Gives a claim back: the job it was taken for was not started (or resumed) after all. */
  async drop(claim: Claim | null, jobId?: string): Promise<void> {
    if (jobId !== undefined) this.held.delete(jobId);
    if (claim) await release(claim);
  }

  /**
   * Renews the job's claims while it runs. A renewal that fails (the team database did not answer) is
   * tried again at the next turn while the claims surely last until then; the job pauses only when they
   * could lapse first, since another console may then take its orders, or when the team database says
   * they already lapsed. The answer gives them back when the runner stops.
   */
  keep(jobId: string, runner: { pause(error: AppError): void }): () => Promise<void> {
    const claim = this.held.get(jobId);
    if (!claim) return async () => undefined;
    const every = claim.claims.renewEveryMs;
    let asking = false;
    let stopped = false;
    const lost = () => {
      if (stopped) return;
      stopped = true;
      runner.pause(CLAIMS_LOST);
    };
    const timer = setInterval(() => {
      if (stopped) return;
      // One renewal at a time: one still unanswered at the next turn counts as failed until it answers.
      if (asking) {
        if (this.now() + every >= claim.lastsUntil) lost();
        return;
      }
      asking = true;
      const sentAt = this.now();
      void claim.claims.renew(claim.claimId).then(
        (kept) => {
          asking = false;
          if (kept) claim.lastsUntil = sentAt + claim.claims.leaseMs;
          else lost();
        },
        () => {
          asking = false;
          if (this.now() + every >= claim.lastsUntil) lost();
        },
      );
    }, every);
    timer.unref();
    return async () => {
      stopped = true;
      clearInterval(timer);
      this.held.delete(jobId);
      await release(claim);
    };
  }
}
