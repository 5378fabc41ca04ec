import { z } from 'zod';
import type { Address, ApiOrder, ServiceOption, ServiceOptionHold } from '../domain';
import type { AppError } from '../result';
import { CANCELLATION_REASONS, ORDER_STATUSES } from '../domain';
import { MAX_AUDIT_NOTE, MAX_PAGE_ROWS, MAX_REFRESH_ORDERS } from '../limits';
import type { CsvExport, LineError } from './common';
import { csvFile, csvText, environmentId, isoDateTime, locationCode, orderId, orderIdOrBlank, userId } from './common';
import { channel, event } from './define';

const count = z.number().int('Must be a whole number.').min(0, 'Cannot be negative.').max(100_000);
const weight = z.number().min(0, 'Cannot be negative.').max(100_000);
const cents = z.number().int('Tip must be whole cents.').min(0, 'A tip cannot be negative.');
const text = (max: number) => z.string().max(max, `At most ${max} characters.`);
/** The agent's reason or ticket number, written with the change in the audit log; never sent to Instacart. */
const note = text(MAX_AUDIT_NOTE).optional();

export const addressSchema = z.strictObject({
  address_line_1: text(256),
  address_line_2: text(256).optional(),
  address_type: text(64).optional(),
  postal_code: text(32),
});

/**
 * Structural checks only (types and sizes): the API's own rules (E.164, the window rule, the tip cap)
 * are checked by the form before sending and judged by the API, so its errors reach the user intact.
 */
export const createOrderSchema = z.strictObject({
  order_id: orderIdOrBlank.optional(),
  location_code: text(64),
  locale: text(35).optional(),
  start_at: text(64).optional(),
  end_at: text(64).optional(),
  service_option_hold_id: z.number().int(),
  first_name: text(128),
  last_name: text(128),
  user_phone: text(32),
  initial_tip_cents: cents.optional(),
  items_count: count,
  bags_count: count.optional(),
  items_weight: weight,
  cart_total: z.number().min(0).max(10_000_000).optional(),
  bag_label: text(64).optional(),
  alcoholic: z.boolean().optional(),
  leave_unattended: z.boolean().optional(),
  special_instructions: text(2000).optional(),
  customer_sms_opt_out: z.boolean().optional(),
  with_handoff_time: z.boolean().optional(),
  applied_express: z.boolean().optional(),
  applied_instacartplus: z.boolean().optional(),
  address: addressSchema,
});

export const updateOrderSchema = z
  .strictObject({
    start_at: text(64).optional(),
    end_at: text(64).optional(),
    service_option_id: z.number().int().optional(),
    initial_tip_cents: cents.optional(),
    items_count: count.optional(),
    bags_count: count.optional(),
    items_weight: weight.optional(),
    cart_total: z.number().min(0).max(10_000_000).optional(),
    alcoholic: z.boolean().optional(),
    special_instructions: text(2000).optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, {
    message: 'Nothing to change: set at least one field.',
  });

export const searchFilters = z.strictObject({
  text: z.string().max(200, 'Search text is at most 200 characters.').default(''),
  statuses: z.array(z.enum(ORDER_STATUSES)).max(ORDER_STATUSES.length).optional(),
  storeLocations: z.array(locationCode).max(200).optional(),
  /** Orders whose delivery window starts at or after this time. */
  windowFrom: isoDateTime.optional(),
  /** Orders whose delivery window starts before this time. */
  windowTo: isoDateTime.optional(),
  /** Only orders last fetched more than this many minutes ago. */
  staleMinutes: z.number().int().min(1).max(525_600).optional(),
});
export type SearchFilters = z.input<typeof searchFilters>;

export const searchQuery = searchFilters.extend({
  offset: z.number().int().min(0).max(50_000_000).default(0),
  limit: z.number().int().min(1).max(MAX_PAGE_ROWS).default(100),
});
export type SearchQuery = z.input<typeof searchQuery>;
/** A search as the cache runs it, defaults applied; the environment is passed beside it. */
export type ParsedSearchQuery = z.output<typeof searchQuery>;

/** One row of search results: enough to show in a list and pick. */
export interface OrderSummary {
  orderId: string;
  userId: string | null;
  status: string;
  storeLocation: string | null;
  windowStartsAt: string | null;
  windowEndsAt: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  addressLine1: string | null;
  postalCode: string | null;
  bagLabel: string | null;
  /** When Instacart last answered for it; null for an order only the shop's export has told of so far. */
  fetchedAt: string | null;
}

export interface SearchResult {
  rows: OrderSummary[];
  offset: number;
  /** Number of matches, or a lower bound when `totalIsCapped`. */
  total: number;
  /** Counting stops at a cap so a one-letter search stays instant. */
  totalIsCapped: boolean;
  tookMs: number;
}

/** Everything the console knows of one order: the API's answer plus what it sent on create. */
export interface OrderRecord extends OrderSummary {
  locationCode: string | null;
  address: Address | null;
  itemsCount: number | null;
  bagsCount: number | null;
  itemsWeight: number | null;
  tipCents: number | null;
  cartTotal: number | null;
  alcoholic: boolean | null;
  specialInstructions: string | null;
  locale: string | null;
  createdAt: string | null;
  deliveredAt: string | null;
  orderUrl: string | null;
  cancellationReason: string | null;
  /** The API's last answer for this order, as received. */
  raw: ApiOrder | null;
}

/**
 * The action whose API answer brought an order into the cache or changed it there; `shop` is the shop's
 * own order export (customer details, before Instacart has been asked).
 */
export const ORDER_SOURCES = ['create', 'get', 'update', 'stage', 'refresh', 'import', 'shop', 'cancel'] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

/**
 * One entry of an order's history. `created` is when the console first saw the order (`to` is the
 * status it had then); the others are changes seen between two answers of the API. A window is
 * written `start/end` (ISO 8601 interval), a tip in cents, bags as a count.
 */
export interface OrderEvent {
  at: string;
  kind: 'created' | 'status' | 'window' | 'tip' | 'bags' | 'customer';
  /** For `customer`: which detail the shop's export changed (`phone`, `address_line_1`...). */
  field?: string;
  from: string | null;
  to: string | null;
  source: OrderSource;
}

export interface OrderDetail {
  order: OrderRecord;
  events: OrderEvent[];
  /**
   * True when this is the cached copy rather than the API's answer just now: the order was asked for
   * without `refresh`, or the API could not give it (then `refreshError` says why).
   */
  fromCache: boolean;
  /** Why getting a fresh copy failed, when it did. */
  refreshError?: AppError;
}

export interface BatchSummary {
  total: number;
  succeeded: number;
  /** Capped at MAX_LINE_ERRORS, the last entry then counting the others. */
  failed: LineError[];
}

export interface ProgressEvent {
  /** `prefetch`: the built-in sandbox's demo orders, fetched on its first use so there is something to search. */
  operation: 'refresh' | 'import' | 'prefetch';
  done: number;
  failed: number;
  total: number;
}

/** Every order channel acts on one environment's orders: the one the screen that calls it belongs to. */
export const orderChannels = {
  'orders:search': channel<SearchResult>()(searchQuery.extend({ environmentId })),
  'orders:get': channel<OrderDetail>()(
    z.strictObject({ environmentId, orderId, userId: userId.optional(), refresh: z.boolean().default(false) }),
  ),
  'orders:refresh': channel<BatchSummary>()(
    z.strictObject({ environmentId, orderIds: z.array(orderId).min(1).max(MAX_REFRESH_ORDERS) }),
  ),
  'orders:create': channel<OrderDetail>()(
    z.strictObject({ environmentId, userId, order: createOrderSchema, async: z.boolean().default(false) }),
  ),
  'orders:update': channel<OrderDetail>()(z.strictObject({ environmentId, orderId, changes: updateOrderSchema, note })),
  /** Cancels a brand_new order, with the reason Connect asks for; written through the cache, history and audit. */
  'orders:cancel': channel<OrderDetail>()(
    z.strictObject({
      environmentId,
      orderId,
      reason: z.enum(CANCELLATION_REASONS, 'Choose why the order is canceled.'),
      note,
    }),
  ),
  'orders:service-options': channel<ServiceOption[]>()(
    z.strictObject({
      environmentId,
      userId,
      locationCode,
      address: z.strictObject({ address_line_1: text(256), postal_code: text(32) }),
    }),
  ),
  'orders:hold': channel<ServiceOptionHold>()(
    z.strictObject({ environmentId, userId, locationCode, serviceOptionId: z.number().int() }),
  ),
  /** A pasted list (`csv`), or a chosen file as its bytes (`file`). */
  'orders:import-csv': channel<BatchSummary>()(
    z.union([z.strictObject({ environmentId, csv: csvText }), z.strictObject({ environmentId, file: csvFile })]),
  ),
  'orders:export-csv': channel<CsvExport>()(z.strictObject({ environmentId, filters: searchFilters })),
  'orders:stores': channel<string[]>()(z.strictObject({ environmentId })),
};

export const orderEvents = {
  'orders:progress': event<ProgressEvent>(),
};
