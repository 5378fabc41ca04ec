import type { OrderRecord, OrderSummary } from '../../../shared/contract';
import type { ApiOrder } from '../../../shared/domain';

/** The columns of `orders` the repository writes, in one list so every statement agrees. */
export const ORDER_COLUMNS = [
  'environment_id',
  'order_id',
  'user_id',
  'status',
  'order_url',
  'created_at',
  'cancellation_reason',
  'locale',
  'is_express',
  'is_instacartplus',
  'metadata',
  'handoff_time',
  'is_fallback_window',
  'store_location',
  'window_starts_at',
  'window_ends_at',
  'window_start_ms',
  'delivered_at',
  'api_bag_count',
  'handoff_window_starts_at',
  'handoff_window_ends_at',
  'location_code',
  'first_name',
  'last_name',
  'phone',
  'phone_digits',
  'address_line_1',
  'address_line_2',
  'address_type',
  'postal_code',
  'bag_label',
  'items_count',
  'bags_count',
  'items_weight',
  'tip_cents',
  'cart_total',
  'alcoholic',
  'leave_unattended',
  'special_instructions',
  'search_terms',
  'raw',
  'fetched_ms',
  'first_seen_ms',
  'first_source',
] as const;

export type OrderColumn = (typeof ORDER_COLUMNS)[number];
export type SqlValue = string | number | null;
export type OrderValues = Record<OrderColumn, SqlValue>;
export type OrderRow = OrderValues & { id: number };

/** The columns the full-text index reads, in the order of its definition. */
export const SEARCH_COLUMNS = [
  'order_id',
  'first_name',
  'last_name',
  'phone_digits',
  'address_line_1',
  'postal_code',
  'bag_label',
] as const satisfies readonly OrderColumn[];
export type SearchColumn = (typeof SEARCH_COLUMNS)[number];

/**
 * The columns of the full-text index: the searched ones and the extra words they are also found by
 * (search-terms.ts). Ranking derives those words from the searched columns rather than reading them.
 */
export const INDEXED_COLUMNS = [...SEARCH_COLUMNS, 'search_terms'] as const satisfies readonly OrderColumn[];

/** What a list row needs: enough to show and rank, not the raw answer. */
export const SUMMARY_SQL = `id, order_id, user_id, status, store_location, window_starts_at, window_ends_at,
  window_start_ms, first_name, last_name, phone, phone_digits, address_line_1, postal_code, bag_label, fetched_ms`;

export type SummaryRow = Pick<
  OrderRow,
  | 'id'
  | 'order_id'
  | 'user_id'
  | 'status'
  | 'store_location'
  | 'window_starts_at'
  | 'window_ends_at'
  | 'window_start_ms'
  | 'first_name'
  | 'last_name'
  | 'phone'
  | 'phone_digits'
  | 'address_line_1'
  | 'postal_code'
  | 'bag_label'
  | 'fetched_ms'
>;

const str = (value: SqlValue): string | null => (value === null ? null : String(value));
const num = (value: SqlValue): number | null => (value === null ? null : Number(value));
const bool = (value: SqlValue): boolean | null => (value === null ? null : value === 1);

export function toSummary(row: SummaryRow): OrderSummary {
  return {
    orderId: String(row.order_id),
    userId: str(row.user_id),
    status: String(row.status),
    storeLocation: str(row.store_location),
    windowStartsAt: str(row.window_starts_at),
    windowEndsAt: str(row.window_ends_at),
    firstName: str(row.first_name),
    lastName: str(row.last_name),
    phone: str(row.phone),
    addressLine1: str(row.address_line_1),
    postalCode: str(row.postal_code),
    bagLabel: str(row.bag_label),
    // 0: never answered for (an order of the shop's export not yet asked about).
    fetchedAt: Number(row.fetched_ms) > 0 ? new Date(Number(row.fetched_ms)).toISOString() : null,
  };
}

export function toRecord(row: OrderRow): OrderRecord {
  const address =
    row.address_line_1 === null && row.postal_code === null
      ? null
      : {
          address_line_1: String(row.address_line_1 ?? ''),
          postal_code: String(row.postal_code ?? ''),
          ...(row.address_line_2 !== null ? { address_line_2: String(row.address_line_2) } : {}),
          ...(row.address_type !== null ? { address_type: String(row.address_type) } : {}),
        };
  return {
    ...toSummary(row),
    locationCode: str(row.location_code),
    address,
    itemsCount: num(row.items_count),
    bagsCount: num(row.api_bag_count) ?? num(row.bags_count),
    itemsWeight: num(row.items_weight),
    tipCents: num(row.tip_cents),
    cartTotal: num(row.cart_total),
    alcoholic: bool(row.alcoholic),
    specialInstructions: str(row.special_instructions),
    locale: str(row.locale),
    createdAt: str(row.created_at),
    deliveredAt: str(row.delivered_at),
    orderUrl: str(row.order_url),
    cancellationReason: str(row.cancellation_reason),
    raw: JSON.parse(String(row.raw)) as ApiOrder,
  };
}
