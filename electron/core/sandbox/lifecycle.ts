import type { OrderStatus } from '../../../shared/domain';
import { DAY, MINUTE } from './time';

/** What the sandbox keeps of an order; its status is computed from these and the clock, lazily. */
export interface SandboxOrder {
  id: string;
  userId: string;
  locationCode: string;
  dispatch: boolean;
  createdAt: number;
  windowStart: number;
  windowEnd: number;
  /** POSIX form, e.g. en_US, as responses carry it. */
  locale: string;
  instacartplus: boolean;
  handoff: boolean;
  itemsCount: number;
  bagsCount: number | null;
  itemsWeight: number;
  cartTotal: number | null;
  tipCents: number;
  alcoholic: boolean;
  bagLabel: string | null;
  specialInstructions: string | null;
  stagedAt: number | null;
  cancelAt: number | null;
  cancellationReason: string | null;
  rescheduleAt: number | null;
  deliveryMinutes: number;
  /** Set for an order delivered this many minutes after its window ends: it is late, still delivering. */
  lateMinutes: number | null;
  /** Asynchronous create: the order is still being created until then. */
  processingUntil: number | null;
  lastUpdatedAt: number | null;
}

/** Instacart acknowledges a new order after this long. */
export const ACKNOWLEDGE_AFTER = 15 * MINUTE;
/** A shopper reaches the store this long after a dispatch order is staged. */
const PICKUP_AFTER_STAGE = 20 * MINUTE;
const DISPATCH_TRIP = 35 * MINUTE;
/** A rescheduled order moves to the same slot the next day. */
const RESCHEDULE_SHIFT = DAY;

export interface OrderState {
  status: OrderStatus;
  windowStart: number;
  windowEnd: number;
  deliveredAt: number | null;
}

/**
 * brand_new -> acknowledged -> (dispatch orders wait to be staged) staged -> delivering -> delivered,
 * with canceled and rescheduled branches; "created" while an asynchronous create is still processing.
 */
export function orderStateAt(order: SandboxOrder, t: number): OrderState {
  const moved = order.rescheduleAt !== null && t >= order.rescheduleAt;
  const windowStart = order.windowStart + (moved ? RESCHEDULE_SHIFT : 0);
  const windowEnd = order.windowEnd + (moved ? RESCHEDULE_SHIFT : 0);
  const at = (status: OrderStatus, deliveredAt: number | null = null): OrderState => ({
    status,
    windowStart,
    windowEnd,
    deliveredAt,
  });
  if (order.processingUntil !== null && t < order.processingUntil) return at('created');
  if (order.cancelAt !== null && t >= order.cancelAt) return at('canceled');
  let deliveringAt: number;
  let deliveredAt: number;
  if (order.dispatch && order.stagedAt !== null) {
    deliveringAt = Math.max(order.stagedAt + PICKUP_AFTER_STAGE, windowStart - 30 * MINUTE);
    deliveredAt = deliveringAt + DISPATCH_TRIP;
    if (t < deliveringAt) return at('staged');
  } else {
    if (t < order.createdAt + ACKNOWLEDGE_AFTER) return at('brand_new');
    if (order.dispatch) return at('acknowledged');
    deliveredAt = windowStart + order.deliveryMinutes * MINUTE;
    deliveringAt = deliveredAt - 35 * MINUTE;
    if (t < deliveringAt) return at(moved ? 'rescheduled' : 'acknowledged');
  }
  // A late order is on its way when the window passes: delivering until after the window's end.
  if (order.lateMinutes !== null) deliveredAt = Math.max(deliveredAt, windowEnd + order.lateMinutes * MINUTE);
  return t < deliveredAt ? at('delivering') : at('delivered', deliveredAt);
}

/** Assigned for fulfillment (or finished): the API refuses updates from then on. */
export function isAssigned(status: OrderStatus): boolean {
  return status === 'staged' || status === 'delivering' || status === 'delivered' || status === 'canceled';
}

export function isStageable(order: SandboxOrder, state: OrderState): boolean {
  return order.dispatch && order.stagedAt === null && (state.status === 'brand_new' || state.status === 'acknowledged');
}
