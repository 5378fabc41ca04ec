import type { Database } from 'better-sqlite3';
import { phoneSearchDigits } from '../../../shared/phone';
import type { OrderRow, OrderValues, SqlValue } from '../store/order-row';
import { ORDER_COLUMNS } from '../store/order-row';
import { buildDeferredIndexes, deferIfLarge, indexesDeferred } from '../store/deferred-indexes';
import { createOrderIndex } from '../store/order-index';
import { indexTerms } from '../store/search-terms';
import { installOutboxTriggers, removeOutboxTriggers } from './outbox-triggers';
import type { OutboxBatch, PulledChanges, TeamAudit, TeamEvent, TeamOrder } from './team-rows';
import { API_COLUMNS, CUSTOMER_COLUMNS } from './team-rows';

/**
 * From this many rows a pull is written with the outbox triggers taken off for its transaction: dropping
 * and creating them changes the schema, which makes every prepared statement of the file prepare again,
 * so the few rows of a live change keep them (the `applying` flag keeps those out of the outbox).
 */
const WITHOUT_TRIGGERS_FROM = 500;

/** The kinds of history entry that change the customer's side (a shop import, or a tip or bags sent). */
const CUSTOMER_KINDS = `('customer', 'tip', 'bags')`;

const msOf = (iso: SqlValue) => (typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? Date.parse(iso) : null);
const pickColumns = (row: OrderValues, columns: readonly string[]) =>
  Object.fromEntries(columns.map((c) => [c, row[c as keyof OrderValues]]));

/**
 * Team mode's work on the local SQLite file: which environments are linked, the outbox's next batch,
 * and writing what the team database sent, with the search index kept as the features keep it.
 */
export function createLocalTeam(db: Database) {
  const consoleId = (db.prepare('SELECT console_id FROM team_local').get() as { console_id: string }).console_id;
  const link = db.prepare('INSERT OR IGNORE INTO team_links (environment_id) VALUES (?)');
  const cursorOf = db.prepare<[string], { cursor: number }>('SELECT cursor FROM team_links WHERE environment_id = ?');
  const setCursor = db.prepare('UPDATE team_links SET cursor = ? WHERE environment_id = ?');
  const pending = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM team_outbox WHERE environment_id = ?');
  const nextRows = db.prepare<[string, number], { id: number; kind: 'order' | 'event' | 'audit'; ref: number }>(
    'SELECT id, kind, ref FROM team_outbox WHERE environment_id = ? ORDER BY id LIMIT ?',
  );
  const orderById = db.prepare<[number], OrderRow>('SELECT * FROM orders WHERE id = ?');
  const customerChange = db.prepare<[number], { at_ms: number; source: string }>(
    `SELECT at_ms, source FROM order_events WHERE order_ref = ? AND kind IN ${CUSTOMER_KINDS} ORDER BY id DESC LIMIT 1`,
  );
  const eventById = db.prepare<[number], Omit<TeamEvent, 'uid' | 'environment_id' | 'origin'> & { env: string }>(
    `SELECT o.environment_id AS env, o.order_id, e.at_ms, e.kind, e.field, e.from_value, e.to_value, e.source
     FROM order_events e JOIN orders o ON o.id = e.order_ref WHERE e.id = ?`,
  );
  const auditById = db.prepare<[number], Omit<TeamAudit, 'uid' | 'origin'>>(
    `SELECT environment_id, at_ms, action, order_id, request, outcome, error, actor, environment_name, changes, note
     FROM audit_log WHERE id = ?`,
  );
  const removeDone = db.prepare('DELETE FROM team_outbox WHERE id = ?');
  const setApplying = db.prepare('UPDATE team_local SET applying = ?');
  const localOrder = db.prepare<[string, string], OrderRow>(
    'SELECT * FROM orders WHERE environment_id = ? AND order_id = ?',
  );
  // History needs only the order's row id: reading the whole row (its API answer among it) for each
  // entry cost a catch-up more than writing the entry did.
  const localId = db.prepare<[string, string], { id: number }>(
    'SELECT id FROM orders WHERE environment_id = ? AND order_id = ?',
  );
  const waiting = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM team_outbox WHERE kind = 'order' AND ref = ?`,
  );
  const insertOrder = db.prepare(
    `INSERT INTO orders (${ORDER_COLUMNS.join(', ')}) VALUES (${ORDER_COLUMNS.map(() => '?').join(', ')})`,
  );
  const updateOrder = db.prepare(`UPDATE orders SET ${ORDER_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  const index = createOrderIndex(db);
  const insertEvent = db.prepare(
    'INSERT INTO order_events (order_ref, at_ms, kind, field, from_value, to_value, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAudit = db.prepare(
    `INSERT INTO audit_log (at_ms, environment_id, action, order_id, request, outcome, error, actor, environment_name, changes, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const removeAll = db.transaction((ids: number[]) => {
    for (const id of ids) removeDone.run(id);
  });

  function teamOrder(row: OrderRow): TeamOrder {
    const change = customerChange.get(row.id);
    return {
      environment_id: String(row.environment_id),
      order_id: String(row.order_id),
      api: pickColumns(row, API_COLUMNS),
      fetched_ms: Number(row.fetched_ms),
      customer: pickColumns(row, CUSTOMER_COLUMNS),
      customer_ms: change ? change.at_ms : Number(row.first_seen_ms),
      customer_from_shop: change ? change.source === 'shop' : row.first_source === 'shop',
      first_seen_ms: Number(row.first_seen_ms),
      first_source: String(row.first_source),
      origin: consoleId,
    };
  }

  /** The row a team order makes here: both sides as the team has them, the derived columns computed. */
  function valuesOf(order: TeamOrder): OrderValues {
    const values = Object.fromEntries(ORDER_COLUMNS.map((c) => [c, null])) as unknown as OrderValues;
    Object.assign(values, order.api, order.customer, {
      environment_id: order.environment_id,
      order_id: order.order_id,
      fetched_ms: order.fetched_ms,
      first_seen_ms: order.first_seen_ms,
      first_source: order.first_source,
    });
    values.raw ??= 'null';
    values.status ??= 'unknown';
    values.phone_digits = typeof values.phone === 'string' ? phoneSearchDigits(values.phone).join(' ') || null : null;
    values.window_start_ms = msOf(values.window_starts_at);
    values.search_terms = indexTerms(values);
    return values;
  }

  /** With `indexed` false the full-text index is left behind: a large pull deferred it. */
  function applyOrder(order: TeamOrder, indexed: boolean): void {
    const prev = localOrder.get(order.environment_id, order.order_id);
    // A change of ours still waiting to go out is newer than what the team had: it is sent, and its
    // merged result comes back with a later number.
    if (prev && waiting.get(prev.id)!.n > 0) return;
    const next = valuesOf(order);
    if (!prev) {
      const id = Number(insertOrder.run(ORDER_COLUMNS.map((c) => next[c])).lastInsertRowid);
      if (indexed) index.add(id, next);
      return;
    }
    if (ORDER_COLUMNS.every((c) => prev[c] === next[c])) return;
    updateOrder.run(...ORDER_COLUMNS.map((c) => next[c]), prev.id);
    if (indexed) index.change(prev.id, prev, next);
  }

  const applyMerged = db.transaction((orders: TeamOrder[]) => {
    setApplying.run(1);
    try {
      const indexed = !indexesDeferred(db);
      for (const order of orders) applyOrder(order, indexed);
    } finally {
      setApplying.run(0);
    }
  });

  const applyAll = db.transaction((environmentId: string, changes: PulledChanges, missing: TeamOrder[]) => {
    setApplying.run(1);
    const bulk = missing.length + changes.orders.length + changes.events.length >= WITHOUT_TRIGGERS_FROM;
    if (bulk) removeOutboxTriggers(db);
    try {
      // Asked each time: another writer's load may have built them meanwhile, and then they are kept up.
      const indexed = !indexesDeferred(db);
      for (const order of [...missing, ...changes.orders]) applyOrder(order, indexed);
      for (const event of changes.events) {
        if (event.origin === consoleId) continue;
        const order = localId.get(event.environment_id, event.order_id);
        if (!order) continue;
        insertEvent.run(order.id, event.at_ms, event.kind, event.field, event.from_value, event.to_value, event.source);
      }
      for (const entry of changes.audit) {
        if (entry.origin === consoleId) continue;
        insertAudit.run(
          entry.at_ms,
          entry.environment_id,
          entry.action,
          entry.order_id,
          entry.request,
          entry.outcome,
          entry.error,
          entry.actor,
          entry.environment_name,
          entry.changes ?? '[]',
          entry.note ?? null,
        );
      }
      setCursor.run(changes.upTo, environmentId);
    } finally {
      if (bulk) installOutboxTriggers(db);
      setApplying.run(0);
    }
  });

  /** Linking queues what the environment already holds, so the team gets what this console knew before. */
  const linkEnvironment = db.transaction((environmentId: string): boolean => {
    installOutboxTriggers(db);
    if (link.run(environmentId).changes === 0) return false;
    db.prepare(
      `INSERT OR IGNORE INTO team_outbox (environment_id, kind, ref)
       SELECT environment_id, 'order', id FROM orders WHERE environment_id = ? ORDER BY id`,
    ).run(environmentId);
    db.prepare(
      `INSERT OR IGNORE INTO team_outbox (environment_id, kind, ref)
       SELECT o.environment_id, 'event', e.id FROM order_events e JOIN orders o ON o.id = e.order_ref
       WHERE o.environment_id = ? ORDER BY e.id`,
    ).run(environmentId);
    db.prepare(
      `INSERT OR IGNORE INTO team_outbox (environment_id, kind, ref)
       SELECT environment_id, 'audit', id FROM audit_log WHERE environment_id = ? ORDER BY id`,
    ).run(environmentId);
    return true;
  });

  return {
    consoleId,
    link: (environmentId: string): boolean => linkEnvironment(environmentId),
    cursor: (environmentId: string) => cursorOf.get(environmentId)?.cursor ?? 0,
    pending: (environmentId: string) => pending.get(environmentId)!.n,
    /** The outbox's oldest entries, as the team database takes them; a row deleted since is left out. */
    nextBatch(environmentId: string, limit: number): OutboxBatch {
      const batch: OutboxBatch = { ids: [], orders: [], events: [], audit: [] };
      for (const { id, kind, ref } of nextRows.all(environmentId, limit)) {
        batch.ids.push(id);
        if (kind === 'order') {
          const row = orderById.get(ref);
          if (row) batch.orders.push(teamOrder(row));
        } else if (kind === 'event') {
          const row = eventById.get(ref);
          if (row) {
            const { env, ...event } = row;
            batch.events.push({ ...event, uid: `${consoleId}:e${ref}`, environment_id: env, origin: consoleId });
          }
        } else {
          const row = auditById.get(ref);
          if (row) batch.audit.push({ ...row, uid: `${consoleId}:a${ref}`, origin: consoleId });
        }
      }
      return batch;
    },
    /**
     * After the team database committed the batch (a crash before this only sends it again): the entries
     * go, and each order takes the team's merged copy, unless it was written again meanwhile.
     */
    done: (ids: number[], merged: TeamOrder[]): void => {
      removeAll(ids);
      applyMerged(merged);
    },
    /** The orders whose history arrived but which this console has never seen. */
    missingOrders(changes: PulledChanges): { environment_id: string; order_id: string }[] {
      const pulled = new Set(changes.orders.map((o) => o.order_id));
      const missing = new Map<string, { environment_id: string; order_id: string }>();
      for (const event of changes.events) {
        if (pulled.has(event.order_id) || missing.has(event.order_id)) continue;
        if (localId.get(event.environment_id, event.order_id)) continue;
        missing.set(event.order_id, { environment_id: event.environment_id, order_id: event.order_id });
      }
      return [...missing.values()];
    },
    apply: (environmentId: string, changes: PulledChanges, missing: TeamOrder[] = []): void => {
      applyAll(environmentId, changes, missing);
    },
    /**
     * Before a pull of `coming` orders: defers the indexes when they are many for the cache (a console
     * joining a team catches up on all its orders), as a large import does; answers whether it did.
     */
    deferIndexesFor: (coming: number): boolean => deferIfLarge(db, ['orders'], coming),
    /** After a pull that deferred the indexes: builds them (a crash before leaves them to the next open). */
    buildIndexes: (): void => {
      buildDeferredIndexes(db);
    },
  };
}

export type LocalTeam = ReturnType<typeof createLocalTeam>;
