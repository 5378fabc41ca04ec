import { documented, tryLater } from '../errors';
import type { Handler } from '../http-types';
import { json } from '../http-types';
import { isStageable, orderStateAt } from '../lifecycle';
import { presentOrder } from '../present';
import { ProblemReply } from '../problem';
import { Fields } from './fields';
import { isProcessing } from './order-access';

/** Stage a dispatch order, once: a second stage finds no eligible order and is not counted. */
export const stageOrder: Handler = (ctx, state) => {
  const now = state.clock.now();
  const order = state.orders.get(ctx.params.order_id ?? '');
  if (order && isProcessing(order, now)) throw new ProblemReply(tryLater(30));
  if (!order || !isStageable(order, orderStateAt(order, now))) throw new ProblemReply(documented.notEligibleToStage);
  const fields = new Fields(ctx.body);
  const itemsCount = fields.int('items_count');
  const bagsCount = fields.int('bags_count');
  const itemsWeight = fields.number('items_weight');
  const bagLabel = fields.text('bag_label', 64);
  if (fields.problems.length > 0) throw new ProblemReply(fields.problems);
  order.stagedAt = now;
  if (itemsCount !== undefined) order.itemsCount = itemsCount;
  if (bagsCount !== undefined) order.bagsCount = bagsCount;
  if (itemsWeight !== undefined) order.itemsWeight = itemsWeight;
  if (bagLabel !== undefined) order.bagLabel = bagLabel;
  state.orders.save(order);
  state.counters.accepted('stages', order.id);
  return json(presentOrder(order, now, state.baseUrl));
};
