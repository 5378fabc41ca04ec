import type { OrderColumn } from '../store/order-row';
import { ORDER_COLUMNS } from '../store/order-row';

/**
 * The customer's side of an order: what the shop's export or a create the console sent says. The rest
 * (status, window, the API's answer) is Instacart's side. Columns derived from others are not shared:
 * each console computes them as it writes (phone digits, search words, the window's milliseconds).
 */
export const CUSTOMER_COLUMNS = [
  'user_id',
  'first_name',
  'last_name',
  'phone',
  'address_line_1',
  'address_line_2',
  'address_type',
  'postal_code',
  'location_code',
  'bag_label',
  'items_count',
  'bags_count',
  'items_weight',
  'tip_cents',
  'cart_total',
  'alcoholic',
  'leave_unattended',
  'special_instructions',
] as const satisfies readonly OrderColumn[];

const OWN_COLUMNS: readonly OrderColumn[] = [
  'environment_id',
  'order_id',
  'phone_digits',
  'search_terms',
  'window_start_ms',
  'fetched_ms',
  'first_seen_ms',
  'first_source',
];

export const API_COLUMNS = ORDER_COLUMNS.filter(
  (c) => !OWN_COLUMNS.includes(c) && !(CUSTOMER_COLUMNS as readonly OrderColumn[]).includes(c),
);

/** An order as the team database holds it. */
export interface TeamOrder {
  environment_id: string;
  order_id: string;
  api: Record<string, string | number | null>;
  fetched_ms: number;
  customer: Record<string, string | number | null>;
  customer_ms: number;
  customer_from_shop: boolean;
  first_seen_ms: number;
  first_source: string;
  origin: string;
  change_seq?: number;
}

export interface TeamEvent {
  uid: string;
  environment_id: string;
  order_id: string;
  at_ms: number;
  kind: string;
  field: string | null;
  from_value: string | null;
  to_value: string | null;
  source: string;
  origin: string;
  change_seq?: number;
}

export interface TeamAudit {
  uid: string;
  environment_id: string;
  at_ms: number;
  action: string;
  order_id: string | null;
  request: string;
  outcome: 'ok' | 'error';
  error: string | null;
  actor: string | null;
  environment_name: string | null;
  /** JSON: [{ field, from, to }]. */
  changes: string;
  /** The reason or ticket number given with the change (already cleaned of secrets), if any. */
  note: string | null;
  origin: string;
  change_seq?: number;
}

/** What one replay sends: outbox rows in order, grouped by table (each write is idempotent). */
export interface OutboxBatch {
  ids: number[];
  orders: TeamOrder[];
  events: TeamEvent[];
  audit: TeamAudit[];
}

/** What one pull brings: every change numbered up to `upTo`, and nothing after it. */
export interface PulledChanges {
  upTo: number;
  orders: TeamOrder[];
  events: TeamEvent[];
  audit: TeamAudit[];
}
