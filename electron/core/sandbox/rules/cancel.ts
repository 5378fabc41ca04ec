import { CANCELLATION_REASONS, OPEN_TO_CANCEL } from '../../../../shared/domain';
import { assumptions } from '../assumptions';
import { documented, tryLater } from '../errors';
import type { Handler, RequestContext } from '../http-types';
import { json } from '../http-types';
import type { SandboxOrder } from '../lifecycle';
import { orderStateAt } from '../lifecycle';
import { presentOrder } from '../present';
import { ProblemReply } from '../problem';
import type { SandboxState } from '../state';
import { isProcessing } from './order-access';

/**
 * The order a cancel names: on the users path the user in the path must own it; on the last mile path
 * (dispatch orders) an optional user_id in the body must.
 */
function orderToCancel(ctx: RequestContext, state: SandboxState): SandboxOrder {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const pathUser = ctx.params.user_id;
  const bodyUser = typeof body.user_id === 'string' && body.user_id !== '' ? body.user_id : undefined;
  const userId = pathUser ?? bodyUser;
  if (userId !== undefined && !state.users.known(userId)) throw new ProblemReply(documented.userNotFound);
  const order = state.orders.get(ctx.params.order_id ?? '');
  if (!order || (userId !== undefined && order.userId !== userId)) throw new ProblemReply(documented.notFound);
  if (pathUser === undefined && !order.dispatch) throw new ProblemReply(assumptions.cancelNotDispatch.problem);
  return order;
}

export const cancelOrder: Handler = (ctx, state) => {
  const now = state.clock.now();
  const order = orderToCancel(ctx, state);
  if (state.users.inactive(order.userId)) throw new ProblemReply(documented.userNotActive);
  if (isProcessing(order, now)) throw new ProblemReply(tryLater(30));
  const reason = (ctx.body as Record<string, unknown> | null)?.cancellation_reason;
  if (typeof reason !== 'string' || !(CANCELLATION_REASONS as readonly string[]).includes(reason)) {
    throw new ProblemReply(assumptions.invalidParameter.problem('cancellation_reason'));
  }
  const status = orderStateAt(order, now).status;
  if (!OPEN_TO_CANCEL.has(status)) throw new ProblemReply(assumptions.cancelRefused.problem(status));
  order.cancelAt = now;
  order.cancellationReason = reason;
  state.orders.save(order);
  state.counters.accepted('cancels', order.id);
  return json(presentOrder(order, now, state.baseUrl));
};
