import { documented } from '../errors';
import type { RequestContext } from '../http-types';
import type { SandboxOrder } from '../lifecycle';
import { ProblemReply } from '../problem';
import type { SandboxState } from '../state';

/**
 * The order named in the path, as get and update find it: an unknown ?user_id= is "User Not Found",
 * and a known user who does not own the order sees "Resource not found".
 */
export function findOrder(ctx: RequestContext, state: SandboxState): SandboxOrder {
  const userId = ctx.query.get('user_id');
  const asked = userId !== null && userId !== '';
  if (asked && !state.users.known(userId)) throw new ProblemReply(documented.userNotFound);
  const order = state.orders.get(ctx.params.order_id ?? '');
  if (!order || (asked && order.userId !== userId)) throw new ProblemReply(documented.notFound);
  return order;
}

export function isProcessing(order: SandboxOrder, now: number): boolean {
  return order.processingUntil !== null && now < order.processingUntil;
}

/** The user named in the path of create, service options and hold. */
export function pathUser(ctx: RequestContext, state: SandboxState): string {
  const userId = ctx.params.user_id ?? '';
  if (userId.trim() === '' || userId.length > 255) throw new ProblemReply(documented.notFound);
  if (state.users.inactive(userId)) throw new ProblemReply(documented.userNotActive);
  return userId;
}
