import type { Database } from 'better-sqlite3';
import { NOT_CHECKED_STATUS } from '../../../shared/contract';
import { phoneSearchDigits } from '../../../shared/phone';
import type { OrderRow, OrderValues, SqlValue } from '../store/order-row';
import { ORDER_COLUMNS } from '../store/order-row';
import { createOrderIndex } from '../store/order-index';
import { indexTerms } from '../store/search-terms';
import type { ShopValues } from './field-values';

export type ShopWrite = 'created' | 'changed' | 'unchanged';

/** The details the shop's export is the source of: it wins over what the cache had for them. */
const SHOP_COLUMNS = [
  'user_id',
  'first_name',
  'last_name',
  'phone',
  'address_line_1',
  'address_line_2',
  'postal_code',
  'location_code',
  'bag_label',
  'items_count',
  'bags_count',
  'items_weight',
  'tip_cents',
] as const satisfies readonly (keyof ShopValues & keyof OrderValues)[];

/** Instacart's answer wins for the window: the export's is used only until Instacart has answered. */
const WINDOW_COLUMNS = ['window_starts_at', 'window_ends_at'] as const;

const digitsOf = (phone: SqlValue) => (typeof phone === 'string' ? phoneSearchDigits(phone).join(' ') || null : null);
const msOf = (iso: SqlValue) => (typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? Date.parse(iso) : null);

// The words an order is also found by (a phone's last four, "street" for "St"), as an answer's write sets them.
const termsOf = (values: OrderValues) =>
  indexTerms({
    order_id: values.order_id,
    phone_digits: values.phone_digits,
    address_line_1: values.address_line_1,
  });

const NO_VALUES = Object.fromEntries(ORDER_COLUMNS.map((c) => [c, null])) as unknown as OrderValues;

/** A new order as the shop's record has it: "not yet checked", no API answer. */
function newOrderValues(environmentId: string, shop: ShopValues, nowMs: number): OrderValues {
  // Spread from one template rather than built key by key: a fifth of what a line cost in all.
  const values: OrderValues = {
    ...NO_VALUES,
    ...shop,
    environment_id: environmentId,
    status: NOT_CHECKED_STATUS,
    store_location: shop.location_code ?? null,
    window_start_ms: msOf(shop.window_starts_at ?? null),
    phone_digits: digitsOf(shop.phone ?? null),
    raw: 'null',
    // Never fetched: any answer of Instacart's is newer than this.
    fetched_ms: 0,
    first_seen_ms: nowMs,
    first_source: 'shop',
  };
  values.search_terms = termsOf(values);
  return values;
}

/**
 * Writes the shop's record of orders into the cache. A new order gets the status "not yet checked"
 * and no API answer (raw is null) until Instacart is asked; a known one has only the columns the
 * export gives updated, each change in its history; an unchanged one is not written at all.
 */
export function createShopWriter(db: Database) {
  const select = db.prepare<[string, string], OrderRow>(
    'SELECT * FROM orders WHERE environment_id = ? AND order_id = ?',
  );
  // A new order (nearly every line of a first import) costs one statement; a known one is then read.
  const insert = db.prepare(
    `INSERT INTO orders (${ORDER_COLUMNS.join(', ')}) VALUES (${ORDER_COLUMNS.map(() => '?').join(', ')})
     ON CONFLICT (environment_id, order_id) DO NOTHING`,
  );
  const update = db.prepare(`UPDATE orders SET ${ORDER_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  const insertEvent = db.prepare(
    `INSERT INTO order_events (order_ref, at_ms, kind, field, from_value, to_value, source) VALUES (?, ?, 'customer', ?, ?, ?, 'shop')`,
  );
  const index = createOrderIndex(db);

  return {
    /**
     * Must run inside the caller's transaction (a batch). With `indexed: false` the full-text index is
     * left behind: the caller has deferred it (store/deferred-indexes.ts).
     */
    write(
      environmentId: string,
      shop: ShopValues,
      nowMs: number,
      indexed: boolean,
    ): { result: ShopWrite; windowStartMs: number | null; checked: boolean } {
      const values = newOrderValues(environmentId, shop, nowMs);
      const inserted = insert.run(ORDER_COLUMNS.map((c) => values[c]));
      if (inserted.changes === 1) {
        if (indexed) index.add(Number(inserted.lastInsertRowid), values);
        return { result: 'created', windowStartMs: values.window_start_ms as number | null, checked: false };
      }
      const prev = select.get(environmentId, shop.order_id)!;
      // Asked already (answered, or not found): a re-import does not ask again.
      const checked = prev.status !== NOT_CHECKED_STATUS;
      const next: OrderValues = { ...prev };
      const changed: { field: string; from: SqlValue; to: SqlValue }[] = [];
      const apiAnswered = prev.raw !== 'null';
      const own = [...SHOP_COLUMNS, ...(apiAnswered ? [] : WINDOW_COLUMNS)];
      for (const column of own) {
        const value = shop[column];
        if (value === undefined || value === prev[column]) continue;
        changed.push({ field: column, from: prev[column], to: value });
        next[column] = value;
      }
      if (changed.length === 0) return { result: 'unchanged', windowStartMs: msOf(prev.window_starts_at), checked };
      next.phone_digits = digitsOf(next.phone);
      next.search_terms = termsOf(next);
      next.window_start_ms = msOf(next.window_starts_at);
      if (!apiAnswered) next.store_location = next.location_code ?? prev.store_location;
      update.run(...ORDER_COLUMNS.map((c) => next[c]), prev.id);
      if (indexed) index.change(prev.id, prev, next);
      for (const change of changed) {
        insertEvent.run(
          prev.id,
          nowMs,
          change.field,
          change.from === null ? null : String(change.from),
          String(change.to),
        );
      }
      return { result: 'changed', windowStartMs: next.window_start_ms as number | null, checked };
    },
  };
}

export type ShopWriter = ReturnType<typeof createShopWriter>;
