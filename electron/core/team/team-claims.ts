import type pg from 'pg';
import { MAY_BE_STAGEABLE } from '../../../shared/domain';

/** Who keeps an order from a new job: a console whose job is staging it, or whose job staged it. */
export interface ClaimHolder {
  consoleName: string;
  staged: boolean;
}

/** An environment's claims as a console's staging uses them (staging has the same shape as OrderClaims). */
export interface TeamClaims {
  claim(claimId: string, orderIds: readonly string[]): Promise<Map<string, ClaimHolder>>;
  renew(claimId: string): Promise<boolean>;
  release(claimId: string, staged: readonly string[]): Promise<void>;
  renewEveryMs: number;
  /** How long a claim lasts from its last renewal. */
  leaseMs: number;
}

/** How long a claim lasts without renewal, and how often a running job renews it. */
export const CLAIM_LEASE_MS = 60_000;
export const CLAIM_RENEW_MS = 15_000;
/**
 * How long a staged order stays kept from other jobs: past its day the cached status says it (a staged
 * order's window is that day), and the rows do not pile up.
 */
export const STAGED_KEPT_MS = 24 * 60 * 60_000;

const PG_NOW_MS = '(extract(epoch FROM now()) * 1000)::bigint';
const STAGEABLE = [...MAY_BE_STAGEABLE];

/**
 * Takes the orders of `orderIds` no other claim holds (a lapsed claim holds nothing) for `claimId`, in
 * one transaction under the environment's advisory lock, so two consoles starting at once cannot both
 * get an order. An order a finished job staged stays held unless the team's copy has since learned from
 * Instacart that it may be staged again (rescheduled, say: fetched after the stage, in a stageable
 * status). Answers who holds each order that was not taken.
 */
export async function claimOrders(
  client: pg.ClientBase,
  input: { environmentId: string; claimId: string; consoleName: string; orderIds: readonly string[] },
  leaseMs = CLAIM_LEASE_MS,
): Promise<Map<string, ClaimHolder>> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('lastmile_staging:' || $1))`, [input.environmentId]);
    await client.query(`DELETE FROM team_staging_claims WHERE environment_id = $1 AND staged_ms < ${PG_NOW_MS} - $2`, [
      input.environmentId,
      STAGED_KEPT_MS,
    ]);
    const held = await client.query<{ order_id: string; console_name: string; staged: boolean }>(
      `SELECT c.order_id, c.console_name, c.staged_ms IS NOT NULL AS staged
         FROM team_staging_claims c
         LEFT JOIN team_orders o ON o.environment_id = c.environment_id AND o.order_id = c.order_id
        WHERE c.environment_id = $1 AND c.order_id = ANY($2) AND c.claim_id <> $3
          AND CASE WHEN c.staged_ms IS NULL THEN c.lease_until > now()
                   ELSE NOT coalesce(o.fetched_ms > c.staged_ms AND o.api->>'status' = ANY($4), false) END`,
      [input.environmentId, input.orderIds, input.claimId, STAGEABLE],
    );
    const heldBy = new Map(
      held.rows.map((row) => [row.order_id, { consoleName: row.console_name, staged: row.staged }]),
    );
    const free = input.orderIds.filter((id) => !heldBy.has(id));
    await client.query(
      `INSERT INTO team_staging_claims (environment_id, order_id, claim_id, console_name, lease_until)
       SELECT $1, unnest($2::text[]), $3, $4, now() + make_interval(secs => $5)
       ON CONFLICT (environment_id, order_id) DO UPDATE
         SET claim_id = EXCLUDED.claim_id, console_name = EXCLUDED.console_name, lease_until = EXCLUDED.lease_until,
             staged_ms = NULL`,
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
      WHERE claim_id = $1 AND lease_until > now() AND staged_ms IS NULL`,
    [claimId, leaseMs / 1000],
  );
  return (renewed.rowCount ?? 0) > 0;
}

/** Gives a finished or stopped job's orders back to the team, but for those it staged, which it keeps marked. */
export async function releaseClaims(client: pg.ClientBase, claimId: string, staged: readonly string[]): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(
      `UPDATE team_staging_claims SET staged_ms = ${PG_NOW_MS}, lease_until = now()
        WHERE claim_id = $1 AND order_id = ANY($2) AND staged_ms IS NULL`,
      [claimId, staged],
    );
    await client.query('DELETE FROM team_staging_claims WHERE claim_id = $1 AND staged_ms IS NULL', [claimId]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
