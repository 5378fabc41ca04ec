/**
 * The Connect last mile API's shapes, named as the vendor's pages name them (snake_case on the wire),
 * plus the console's own views of them.
 */

import type { AppError } from './result';

export const ORDER_STATUSES = [
  'created',
  'brand_new',
  'acknowledged',
  'staged',
  'delivering',
  'delivered',
  'rescheduled',
  'canceled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * update-order.txt: "After an order is assigned for fulfillment, you cannot update the order." The
 * statuses from which the console expects that refusal (a canceled order cannot change either).
 */
export const CLOSED_TO_UPDATES: ReadonlySet<OrderStatus> = new Set(['staged', 'delivering', 'delivered', 'canceled']);

/** Statuses from which the API may still accept a stage (a cached status may be stale: the API decides). */
export const MAY_BE_STAGEABLE: ReadonlySet<OrderStatus> = new Set([
  'created',
  'brand_new',
  'acknowledged',
  'rescheduled',
]);

/** Statuses that say a stage went through: the order is staged or has moved on from there. */
export const STAGED_OR_LATER: ReadonlySet<OrderStatus> = new Set(['staged', 'delivering', 'delivered']);

/** Whether a status as the API or the cache wrote it (any string) is in a status group. */
export function inStatusGroup(group: ReadonlySet<OrderStatus>, status: string): boolean {
  return (group as ReadonlySet<string>).has(status);
}

/** Connect lets an order be canceled only while it is brand new (the public documentation's cancel endpoints). */
export const OPEN_TO_CANCEL: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['brand_new']);

/** The reasons a cancel may give, as the public documentation lists them. */
export const CANCELLATION_REASONS = [
  'customer_driven',
  'instacart_driven',
  'retailer_driven',
  'shopper_driven',
  'unbatchable',
  'other',
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export interface CancelOrderRequest {
  cancellation_reason: CancellationReason;
  user_id?: string;
}

export interface Address {
  address_line_1: string;
  address_line_2?: string;
  address_type?: string;
  postal_code: string;
}

export interface FulfillmentDetails {
  store_location?: string;
  window_starts_at: string;
  window_ends_at: string;
  delivered_at?: string;
  bag_count?: number;
  handoff_window_starts_at?: string;
  handoff_window_ends_at?: string;
}

/** An order as create, get, update and stage return it. */
export interface ApiOrder {
  id: string;
  status: string;
  order_url?: string;
  created_at?: string;
  cancellation_reason?: string;
  locale?: string;
  is_express?: boolean;
  is_instacartplus?: boolean;
  metadata?: Record<string, unknown>;
  fulfillment_details?: FulfillmentDetails;
  handoff_time?: string;
  is_fallback_window?: boolean;
}

export interface CreateOrderRequest {
  order_id?: string;
  location_code: string;
  locale?: string;
  start_at?: string;
  end_at?: string;
  service_option_hold_id: number;
  first_name: string;
  last_name: string;
  user_phone: string;
  initial_tip_cents?: number;
  items_count: number;
  bags_count?: number;
  items_weight: number;
  cart_total?: number;
  bag_label?: string;
  alcoholic?: boolean;
  leave_unattended?: boolean;
  special_instructions?: string;
  customer_sms_opt_out?: boolean;
  with_handoff_time?: boolean;
  applied_express?: boolean;
  applied_instacartplus?: boolean;
  address: Address;
}

export interface UpdateOrderRequest {
  start_at?: string;
  end_at?: string;
  service_option_id?: number;
  initial_tip_cents?: number;
  items_count?: number;
  bags_count?: number;
  items_weight?: number;
  cart_total?: number;
  alcoholic?: boolean;
  special_instructions?: string;
}

/** The fields update-order.txt lets an update change: the sandbox's rule and the edit form's fields. */
export const UPDATABLE_ORDER_FIELDS = [
  'start_at',
  'end_at',
  'service_option_id',
  'initial_tip_cents',
  'items_count',
  'bags_count',
  'items_weight',
  'cart_total',
  'alcoholic',
  'special_instructions',
] as const satisfies readonly (keyof UpdateOrderRequest)[];

export interface StageOrderRequest {
  items_count?: number;
  bags_count?: number;
  items_weight?: number;
  bag_label?: string;
}

export interface ServiceOption {
  id: number;
  date: string;
  window: { start_at: string; end_at: string };
  availability: { available: boolean; reasons: string[] };
}

export interface ServiceOptionHold {
  id: number;
  expires_at: string;
  service_option: ServiceOption;
}

/** The single error shape of the API. */
export interface ApiErrorEntry {
  error: { message: string; code: number | null };
  meta?: { key?: string; wait?: string | number; retry?: boolean } | null;
}

/** The multiple-errors shape of the API. */
export interface ApiErrorList {
  errors: ApiErrorEntry[];
}

export const ENVIRONMENT_KINDS = ['sandbox', 'development', 'production', 'custom'] as const;
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number];

/** What the renderer may know of an environment: never its secret. */
export interface EnvironmentView {
  id: string;
  name: string;
  kind: EnvironmentKind;
  baseUrl: string;
  clientId: string;
  hasSecret: boolean;
  /** ISO time of the last successful token exchange, if any. */
  lastVerifiedAt: string | null;
  builtIn: boolean;
  /** IANA zone of the environment's stores (Connect does not say one); times are shown in it, labelled. */
  timeZone: string;
  /** Stores whose zone differs from `timeZone`, by location code. */
  storeTimeZones: Record<string, string>;
}

export interface AppInfo {
  name: string;
  version: string;
  environment: { id: string; name: string; kind: EnvironmentKind; baseUrl: string };
  online: boolean;
  /** ISO time of the last successful API call in this environment, if any. */
  lastSuccessAt: string | null;
  /** `electron` or `browser`: where the renderer is hosted. */
  host: 'electron' | 'browser';
  /** Why the cache cannot be used (damaged, unreadable, too new), or null: every screen shows it. */
  cacheProblem: AppError | null;
}
