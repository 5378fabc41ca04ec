import type { OrderSource } from '../../../shared/contract';
import type { Address, ApiOrder, CreateOrderRequest, UpdateOrderRequest } from '../../../shared/domain';
import { phoneSearchDigits } from '../../../shared/phone';
import type { OrderColumn, OrderValues, SqlValue } from '../store/order-row';
import { indexTerms } from '../store/search-terms';

/** What the console sent about an order (create, update or stage request), any part of it. */
export interface KnownOrderFields extends Partial<Omit<CreateOrderRequest, 'address'>>, Partial<UpdateOrderRequest> {
  address?: Partial<Address>;
}

export interface RecordOrderOptions {
  source: OrderSource;
  /** The request that produced this answer, when the console sent one (create, update, stage). */
  known?: KnownOrderFields;
  userId?: string;
  /**
   * When the answer arrived, for one written later (a batch): a cached copy written after that moment
   * is newer, and stays.
   */
  receivedMs?: number;
}

const flag = (value: boolean | undefined): number | undefined => (value === undefined ? undefined : value ? 1 : 0);

function pick(next: SqlValue | undefined, prev: SqlValue | undefined): SqlValue {
  return next ?? prev ?? null;
}

function timeMs(iso: SqlValue): number | null {
  if (typeof iso !== 'string') return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Columns an answer overwrites, whatever the cache held. */
export const ANSWER_SET_COLUMNS = ['status', 'raw', 'fetched_ms'] as const satisfies readonly OrderColumn[];

/** Columns an answer fills when it names them: one it leaves out, or answers null, keeps what the cache held. */
export const ANSWER_FILLED_COLUMNS = [
  'user_id',
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
  'delivered_at',
  'api_bag_count',
  'handoff_window_starts_at',
  'handoff_window_ends_at',
] as const satisfies readonly OrderColumn[];

/** Set together when the answer names a window (even as null), kept otherwise. */
export const ANSWER_WINDOW_COLUMNS = [
  'window_starts_at',
  'window_ends_at',
  'window_start_ms',
] as const satisfies readonly OrderColumn[];

type Columns<C extends readonly OrderColumn[]> = Record<C[number], SqlValue>;

/** What one API answer says of an order's row: the answer's part of every merge. */
export interface AnswerValues {
  set: Columns<typeof ANSWER_SET_COLUMNS>;
  /** Null where the answer says nothing. */
  filled: Columns<typeof ANSWER_FILLED_COLUMNS>;
  /** Undefined when the answer names no window (an asynchronous create's). */
  window: Columns<typeof ANSWER_WINDOW_COLUMNS> | undefined;
}

export function answerValues(api: ApiOrder, userId: string | undefined, nowMs: number): AnswerValues {
  const details = api.fulfillment_details;
  const windowStartsAt = details?.window_starts_at;
  return {
    set: { status: api.status, raw: JSON.stringify(api), fetched_ms: nowMs },
    filled: {
      user_id: userId ?? null,
      order_url: api.order_url ?? null,
      created_at: api.created_at ?? null,
      cancellation_reason: api.cancellation_reason ?? null,
      locale: api.locale ?? null,
      is_express: flag(api.is_express) ?? null,
      is_instacartplus: flag(api.is_instacartplus) ?? null,
      metadata: api.metadata === undefined ? null : JSON.stringify(api.metadata),
      handoff_time: api.handoff_time ?? null,
      is_fallback_window: flag(api.is_fallback_window) ?? null,
      store_location: details?.store_location ?? null,
      delivered_at: details?.delivered_at ?? null,
      api_bag_count: details?.bag_count ?? null,
      handoff_window_starts_at: details?.handoff_window_starts_at ?? null,
      handoff_window_ends_at: details?.handoff_window_ends_at ?? null,
    },
    window:
      windowStartsAt === undefined
        ? undefined
        : {
            window_starts_at: windowStartsAt,
            window_ends_at: details!.window_ends_at ?? null,
            window_start_ms: timeMs(windowStartsAt),
          },
  };
}

/** What the answer fills, and what the cache held where it says nothing. */
function filledOver(filled: AnswerValues['filled'], prev: OrderValues | undefined): AnswerValues['filled'] {
  if (prev === undefined) return filled;
  const merged = { ...filled };
  for (const column of ANSWER_FILLED_COLUMNS) merged[column] = pick(filled[column], prev[column]);
  return merged;
}

/**
 * The row after an API answer: the answer wins for what it says, a field it leaves out keeps what
 * the cache knew (a short answer, such as an asynchronous create's, must not erase a longer one), and
 * the request fills what only the console knows (names, phone, address, tip...).
 */
export function mergeOrder(
  prev: OrderValues | undefined,
  environmentId: string,
  api: ApiOrder,
  options: RecordOrderOptions,
  nowMs: number,
): OrderValues {
  const known = options.known ?? {};
  const { set, filled, window } = answerValues(api, options.userId, nowMs);
  // Until the API names a window (an asynchronous create answers without one), the requested one.
  const windowStartsAt = window ? window.window_starts_at : pick(prev?.window_starts_at, known.start_at);
  const windowEndsAt = window ? window.window_ends_at : pick(prev?.window_ends_at, known.end_at);
  const phone = pick(known.user_phone, prev?.phone);
  const phoneDigits = typeof phone === 'string' ? phoneSearchDigits(phone).join(' ') || null : null;
  const addressLine1 = pick(known.address?.address_line_1, prev?.address_line_1);
  return {
    environment_id: environmentId,
    order_id: api.id,
    ...filledOver(filled, prev),
    status: set.status,
    store_location: pick(filled.store_location, pick(prev?.store_location, known.location_code)),
    window_starts_at: windowStartsAt,
    window_ends_at: windowEndsAt,
    window_start_ms: window ? window.window_start_ms : timeMs(windowStartsAt),
    location_code: pick(known.location_code, prev?.location_code),
    first_name: pick(known.first_name, prev?.first_name),
    last_name: pick(known.last_name, prev?.last_name),
    phone,
    phone_digits: phoneDigits,
    address_line_1: addressLine1,
    address_line_2: pick(known.address?.address_line_2, prev?.address_line_2),
    address_type: pick(known.address?.address_type, prev?.address_type),
    postal_code: pick(known.address?.postal_code, prev?.postal_code),
    bag_label: pick(known.bag_label, prev?.bag_label),
    items_count: pick(known.items_count, prev?.items_count),
    bags_count: pick(known.bags_count, prev?.bags_count),
    items_weight: pick(known.items_weight, prev?.items_weight),
    tip_cents: pick(known.initial_tip_cents, prev?.tip_cents),
    cart_total: pick(known.cart_total, prev?.cart_total),
    alcoholic: pick(flag(known.alcoholic), prev?.alcoholic),
    leave_unattended: pick(flag(known.leave_unattended), prev?.leave_unattended),
    special_instructions: pick(known.special_instructions, prev?.special_instructions),
    search_terms: indexTerms({ order_id: api.id, phone_digits: phoneDigits, address_line_1: addressLine1 }),
    raw: set.raw,
    fetched_ms: set.fetched_ms,
    first_seen_ms: prev?.first_seen_ms ?? nowMs,
    first_source: prev?.first_source ?? options.source,
  };
}
