import { randomUUID } from 'node:crypto';
import type { AppError } from '../../../shared/result';
import { CoreError } from '../core-error';

/** Who keeps an order from a new job: a console whose job is staging it, or whose job staged it. */
export interface ClaimHolder {
  consoleName: string;
  staged: boolean;
}

/** Which orders of an environment other consoles of the team are staging or staged (see team/team-claims.ts). */
export interface OrderClaims {
  /** Takes the orders no other job is staging or has staged; answers who holds each of the others. */
  claim(claimId: string, orderIds: readonly string[]): Promise<Map<string, ClaimHolder>>;
  /** Extends the claims while the job runs; false when they lapsed. */
  renew(claimId: string): Promise<boolean>;
  /** Gives the orders back, but for `staged`, kept from other jobs as staged. */
  release(claimId: string, staged: readonly string[]): Promise<void>;
  /** How often `renew` is called. */
  renewEveryMs: number;
  /** How long the claims last after a renewal (or the claim) the team database took. */
  leaseMs: number;
}

/** A job's claim on its orders, and the orders it could not have, with who holds each. */
export interface Claim {
  claims: OrderClaims;
  claimId: string;
  heldBy: Map<string, ClaimHolder>;
  /** Until when the claims surely last: the lease counted from when the last request that set it was sent. */
  lastsUntil: number;
}

const CLAIMS_LOST: AppError = {
  code: 'team_claims_lost',
  message: 'The team database stopped answering, so this job paused: its orders could be taken by another console.',
  hint: 'Resume it once the team database can be reached again.',
};

const release = (claim: Claim, staged: readonly string[] = []) =>
  claim.claims.release(claim.claimId, staged).catch(() => undefined);

/** Why an order held by another job was left out, as the audit log and the retry summary say it. */
export function heldReason(holder: ClaimHolder): string {
  return holder.staged ? `already staged by ${holder.consoleName}` : `being staged by ${holder.consoleName}`;
}

function refusal(heldBy: Map<string, ClaimHolder>, count: number): AppError {
  const holders = [...heldBy.values()];
  const names = [...new Set(holders.map((holder) => holder.consoleName))].join(', ');
  const staged = holders.filter((holder) => holder.staged).length;
  const what =
    staged === holders.length
      ? `already staged by ${names}`
      : staged === 0
        ? `being staged by ${names}`
        : `being staged or already staged by ${names}`;
  return {
    code: 'staged_elsewhere',
    message:
      heldBy.size === count
        ? `${count === 1 ? 'This order is' : `All ${count} orders are`} ${what}.`
        : `${heldBy.size} of the ${count} orders left in this job are ${what}.`,
    hint:
      staged === holders.length
        ? 'A staged order needs no second stage: stage other orders.'
        : 'Wait for that job to finish (it shows in the list of jobs), or stage other orders.',
  };
}

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
    let heldBy: Map<string, ClaimHolder>;
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
      throw new CoreError(refusal(heldBy, orderIds.length));
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
   * they already lapsed. The answer gives them back when the runner stops, but for the orders it staged.
   */
  keep(
    jobId: string,
    runner: { pause(error: AppError): void; readonly items: readonly { orderId: string; state: string }[] },
  ): () => Promise<void> {
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
      await release(
        claim,
        runner.items.filter((item) => item.state === 'done').map((item) => item.orderId),
      );
    };
  }
}
