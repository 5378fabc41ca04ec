import type pg from 'pg';

/** An environment's claims as a console's staging uses them (staging has the same shape as OrderClaims). */
export interface TeamClaims {
  claim(claimId: string, orderIds: readonly string[]): Promise<Map<string, string>>;
  renew(claimId: string): Promise<boolean>;
  release(claimId: string): Promise<void>;
  renewEveryMs: number;
  /** How long a claim lasts from its last renewal. */
  leaseMs: number;
}

/** How long a claim lasts without renewal, and how often a running job renews it. */
export const CLAIM_LEASE_MS = 60_000;
export const CLAIM_RENEW_MS = 15_000;

/**
 * Takes the orders of `orderIds` no other claim holds (a lapsed claim holds nothing) for `claimId`, in
 * one transaction under the environment's advisory lock, so two consoles starting at once cannot both
 * get an order. Answers who holds each order that was not taken.
 */
export async function claimOrders(
  client: pg.ClientBase,
  input: { environmentId: string; claimId: string; consoleName: string; orderIds: readonly string[] },
  leaseMs = CLAIM_LEASE_MS,
): Promise<Map<string, string>> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('lastmile_staging:' || $1))`, [input.environmentId]);
    const held = await client.query<{ order_id: string; console_name: string }>(
      `SELECT order_id, console_name FROM team_staging_claims
        WHERE environment_id = $1 AND order_id = ANY($2) AND lease_until > now() AND claim_id <> $3`,
      [input.environmentId, input.orderIds, input.claimId],
    );
    const heldBy = new Map(held.rows.map((row) => [row.order_id, row.console_name]));
    const free = input.orderIds.filter((id) => !heldBy.has(id));
    await client.query(
      `INSERT INTO team_staging_claims (environment_id, order_id, claim_id, console_name, lease_until)
       SELECT $1, unnest($2::text[]), $3, $4, now() + make_interval(secs => $5)
       ON CONFLICT (environment_id, order_id) DO UPDATE
         SET claim_id = EXCLUDED.claim_id, console_name = EXCLUDED.console_name, lease_until = EXCLUDED.lease_until`,
      [input.environmentId, free, input.claimId, input.consoleName, leaseMs / 1000],
    );
    await client.query('COMMIT');
    return heldBy;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Extends a running job's claims; answers false when none is left (they lapsed and may be another's). */
export async function renewClaims(client: pg.ClientBase, claimId: string, leaseMs = CLAIM_LEASE_MS): Promise<boolean> {
  const renewed = await client.query(
    `UPDATE team_staging_claims SET lease_until = now() + make_interval(secs => $2)
      WHERE claim_id = $1 AND lease_until > now()`,
    [claimId, leaseMs / 1000],
  );
  return (renewed.rowCount ?? 0) > 0;
}

/** Gives a finished or stopped job's orders back to the team. */
export async function releaseClaims(client: pg.ClientBase, claimId: string): Promise<void> {
  await client.query('DELETE FROM team_staging_claims WHERE claim_id = $1', [claimId]);
}
