import type pg from 'pg';
import type { OutboxBatch, PulledChanges, TeamAudit, TeamEvent, TeamOrder } from './team-rows';

/**
 * Held by every writer until it commits, so change numbers are drawn and made visible in one order:
 * a reader that has seen number N has seen every change numbered below it.
 */
const WRITE_LOCK = `SELECT pg_advisory_xact_lock(hashtext('lastmile_team_changes'))`;

const CUSTOMER_WINS = `(EXCLUDED.customer_ms, EXCLUDED.customer_from_shop) >= (t.customer_ms, t.customer_from_shop)`;
// Field by field: a side that wins replaces what it says, and a field it does not know (null) keeps the
// other's value, so an order first seen in an update does not erase the customer the shop's export named.
const MERGED_CUSTOMER = `CASE WHEN ${CUSTOMER_WINS}
  THEN jsonb_strip_nulls(t.customer) || jsonb_strip_nulls(EXCLUDED.customer)
  ELSE jsonb_strip_nulls(EXCLUDED.customer) || jsonb_strip_nulls(t.customer) END`;

/**
 * The rules of a shared order: Instacart's side from the answer fetched last; the customer's side from the
 * latest change to it, the shop's export on a tie; the first sighting kept. An upsert that would change
 * nothing leaves the row and its number alone, so a replay is invisible.
 */
const UPSERT_ORDERS = `
  INSERT INTO team_orders AS t (environment_id, order_id, api, fetched_ms, customer, customer_ms, customer_from_shop,
    first_seen_ms, first_source, origin, change_seq)
  SELECT r.environment_id, r.order_id, r.api, r.fetched_ms, jsonb_strip_nulls(r.customer), r.customer_ms,
    r.customer_from_shop, r.first_seen_ms, r.first_source, r.origin, nextval('team_change_seq')
  FROM jsonb_to_recordset($1::jsonb) AS r (environment_id text, order_id text, api jsonb, fetched_ms bigint,
    customer jsonb, customer_ms bigint, customer_from_shop boolean, first_seen_ms bigint, first_source text, origin text)
  ON CONFLICT (environment_id, order_id) DO UPDATE SET
    api = CASE WHEN EXCLUDED.fetched_ms >= t.fetched_ms THEN EXCLUDED.api ELSE t.api END,
    fetched_ms = GREATEST(t.fetched_ms, EXCLUDED.fetched_ms),
    customer = ${MERGED_CUSTOMER},
    customer_from_shop = CASE WHEN ${CUSTOMER_WINS} THEN EXCLUDED.customer_from_shop ELSE t.customer_from_shop END,
    customer_ms = GREATEST(t.customer_ms, EXCLUDED.customer_ms),
    first_source = CASE WHEN EXCLUDED.first_seen_ms < t.first_seen_ms THEN EXCLUDED.first_source ELSE t.first_source END,
    first_seen_ms = LEAST(t.first_seen_ms, EXCLUDED.first_seen_ms),
    origin = EXCLUDED.origin,
    change_seq = nextval('team_change_seq')
  WHERE (EXCLUDED.fetched_ms >= t.fetched_ms AND EXCLUDED.api IS DISTINCT FROM t.api)
    OR EXCLUDED.fetched_ms > t.fetched_ms
    OR (${MERGED_CUSTOMER}) IS DISTINCT FROM t.customer
    OR EXCLUDED.first_seen_ms < t.first_seen_ms`;

const INSERT_EVENTS = `
  INSERT INTO team_order_events (uid, environment_id, order_id, at_ms, kind, field, from_value, to_value, source, origin, change_seq)
  SELECT r.uid, r.environment_id, r.order_id, r.at_ms, r.kind, r.field, r.from_value, r.to_value, r.source, r.origin,
    nextval('team_change_seq')
  FROM jsonb_to_recordset($1::jsonb) AS r (uid text, environment_id text, order_id text, at_ms bigint, kind text,
    field text, from_value text, to_value text, source text, origin text)
  ON CONFLICT (uid) DO NOTHING`;

const INSERT_AUDIT = `
  INSERT INTO team_audit (uid, environment_id, at_ms, action, order_id, request, outcome, error, actor,
    environment_name, changes, note, origin, change_seq)
  SELECT r.uid, r.environment_id, r.at_ms, r.action, r.order_id, r.request, r.outcome, r.error, r.actor,
    r.environment_name, coalesce(r.changes, '[]'), r.note, r.origin, nextval('team_change_seq')
  FROM jsonb_to_recordset($1::jsonb) AS r (uid text, environment_id text, at_ms bigint, action text, order_id text,
    request text, outcome text, error text, actor text, environment_name text, changes text, note text, origin text)
  ON CONFLICT (uid) DO NOTHING`;

/**
 * Writes one outbox batch in one transaction: all of it is in the team database, or none of it. Answers
 * the batch's orders as merged there, which may differ from what was sent (another console's was newer).
 */
export async function pushBatch(client: pg.ClientBase, batch: OutboxBatch): Promise<TeamOrder[]> {
  await client.query('BEGIN');
  try {
    await client.query(WRITE_LOCK);
    let merged: TeamOrder[] = [];
    if (batch.orders.length) {
      await client.query(UPSERT_ORDERS, [JSON.stringify(batch.orders)]);
      merged = await ordersByKey(client, batch.orders);
    }
    if (batch.events.length) await client.query(INSERT_EVENTS, [JSON.stringify(batch.events)]);
    if (batch.audit.length) await client.query(INSERT_AUDIT, [JSON.stringify(batch.audit)]);
    await client.query('COMMIT');
    return merged;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

// bigint columns arrive as strings: the numbers here stay far below 2^53.
const num = (value: unknown) => Number(value);
const toOrder = (r: Record<string, unknown>): TeamOrder => ({
  ...(r as unknown as TeamOrder),
  fetched_ms: num(r.fetched_ms),
  customer_ms: num(r.customer_ms),
  first_seen_ms: num(r.first_seen_ms),
  change_seq: num(r.change_seq),
});
const toEvent = (r: Record<string, unknown>): TeamEvent => ({
  ...(r as unknown as TeamEvent),
  at_ms: num(r.at_ms),
  change_seq: num(r.change_seq),
});
const toAudit = (r: Record<string, unknown>): TeamAudit => ({
  ...(r as unknown as TeamAudit),
  at_ms: num(r.at_ms),
  change_seq: num(r.change_seq),
});

/**
 * The environment's changes numbered after `cursor`, up to `limit` from each table. A table that fills
 * its limit ends the pull at its last number, and the tables read after it only up to that number: rows
 * beyond it would be dropped here and read again by the next pull (a catch-up whose orders all came
 * before their history read every history row twice).
 */
export async function pullChanges(
  client: pg.ClientBase,
  environmentId: string,
  cursor: number,
  limit: number,
): Promise<PulledChanges> {
  let upTo = Number.MAX_SAFE_INTEGER;
  const query = async (table: string) => {
    const rows = (
      await client.query<Record<string, unknown>>(
        `SELECT * FROM ${table} WHERE environment_id = $1 AND change_seq > $2 AND change_seq <= $3
         ORDER BY change_seq LIMIT $4`,
        [environmentId, cursor, upTo, limit],
      )
    ).rows;
    if (rows.length === limit) upTo = num(rows.at(-1)!.change_seq);
    return rows;
  };
  // One snapshot for the three: read apart, a change committed between them would be passed by the cursor
  // in one table while the others had moved it past that change's number.
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  let orders: TeamOrder[], events: TeamEvent[], audit: TeamAudit[];
  try {
    orders = (await query('team_orders')).map(toOrder);
    events = (await query('team_order_events')).map(toEvent);
    audit = (await query('team_audit')).map(toAudit);
  } finally {
    await client.query('COMMIT');
  }
  const lists: { change_seq?: number }[][] = [orders, events, audit];
  if (upTo === Number.MAX_SAFE_INTEGER)
    upTo = Math.max(cursor, ...lists.map((list) => list.at(-1)?.change_seq ?? cursor));
  const within = <T extends { change_seq?: number }>(list: T[]) => list.filter((row) => row.change_seq! <= upTo);
  return { upTo, orders: within(orders), events: within(events), audit: within(audit) };
}

/** How many of the environment's orders changed after `cursor`, counted up to `atMost`. */
export async function ordersWaiting(
  client: pg.ClientBase,
  environmentId: string,
  cursor: number,
  atMost: number,
): Promise<number> {
  const counted = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM team_orders WHERE environment_id = $1 AND change_seq > $2 LIMIT $3) t`,
    [environmentId, cursor, atMost],
  );
  return counted.rows[0]!.n;
}

export async function ordersByKey(
  client: pg.ClientBase,
  keys: { environment_id: string; order_id: string }[],
): Promise<TeamOrder[]> {
  if (keys.length === 0) return [];
  const wanted = keys.map(({ environment_id, order_id }) => ({ environment_id, order_id }));
  const rows = await client.query<Record<string, unknown>>(
    `SELECT t.* FROM team_orders t JOIN jsonb_to_recordset($1::jsonb) AS k (environment_id text, order_id text)
     USING (environment_id, order_id)`,
    [JSON.stringify(wanted)],
  );
  return rows.rows.map(toOrder);
}
