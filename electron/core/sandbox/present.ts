import type { ApiOrder } from '../../../shared/domain';
import type { SandboxOrder } from './lifecycle';
import { orderStateAt } from './lifecycle';
import { iso, MINUTE } from './time';

/** An order as create, get, update and stage answer it, at time t. */
export function presentOrder(order: SandboxOrder, t: number, baseUrl: string, status?: string): ApiOrder {
  const state = orderStateAt(order, t);
  if (state.status === 'created' && order.processingUntil !== null) return shortForm(order, t);
  const details: NonNullable<ApiOrder['fulfillment_details']> = {
    store_location: order.locationCode,
    window_starts_at: iso(state.windowStart),
    window_ends_at: iso(state.windowEnd),
  };
  if (order.bagsCount !== null) details.bag_count = order.bagsCount;
  if (state.deliveredAt !== null) details.delivered_at = iso(state.deliveredAt);
  if (order.handoff) {
    details.handoff_window_starts_at = iso(state.windowStart - 30 * MINUTE);
    details.handoff_window_ends_at = iso(state.windowStart);
  }
  const body: ApiOrder = {
    id: order.id,
    status: status ?? state.status,
    order_url: `${baseUrl}/_sandbox/orders/${encodeURIComponent(order.id)}`,
    created_at: iso(order.createdAt),
    locale: order.locale,
    is_express: order.instacartplus,
    is_instacartplus: order.instacartplus,
    fulfillment_details: details,
  };
  if (state.status === 'canceled' && order.cancellationReason) body.cancellation_reason = order.cancellationReason;
  if (order.handoff) body.handoff_time = iso(state.windowStart - 15 * MINUTE);
  body.is_fallback_window = false;
  return body;
}

/** The asynchronous create's answer, and what a get shows while the order is still being created. */
export function shortForm(order: SandboxOrder, t: number): ApiOrder {
  const state = orderStateAt(order, t);
  return {
    id: order.id,
    status: 'created',
    fulfillment_details: {
      store_location: order.locationCode,
      window_starts_at: iso(state.windowStart),
      window_ends_at: iso(state.windowEnd),
    },
  };
}
