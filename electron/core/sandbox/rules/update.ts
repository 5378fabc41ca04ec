import { UPDATABLE_ORDER_FIELDS } from '../../../../shared/domain';
import { TIP_CAP_CENTS } from '../../../../shared/money';
import { checkWindow } from '../../../../shared/window-rule';
import { assumptions } from '../assumptions';
import { documented, recentlyUpdated, tryLater } from '../errors';
import type { Handler } from '../http-types';
import { json } from '../http-types';
import type { SandboxOrder } from '../lifecycle';
import { isAssigned, orderStateAt } from '../lifecycle';
import { presentOrder } from '../present';
import { ProblemReply } from '../problem';
import { availability, slotById } from '../service-options';
import { storeByCode } from '../stores';
import { iso } from '../time';
import { Fields } from './fields';
import { findOrder, isProcessing } from './order-access';
import { parseApiTime } from './order-fields';

const WINDOW_KEYS = ['start_at', 'end_at', 'service_option_id'];

/** A window change: service_option_id, start_at and end_at together, inside an option of the order's store. */
function readNewWindow(fields: Fields, order: SandboxOrder, now: number): { start: number; end: number } | undefined {
  if (!WINDOW_KEYS.some((key) => fields.has(key))) return undefined;
  const optionId = fields.body.service_option_id;
  const slot = typeof optionId === 'number' ? slotById(optionId) : null;
  const slotOk = slot !== null && slot.store.code === order.locationCode && availability(slot, now).available;
  if (!slotOk) fields.add(documented.invalidServiceOptionId);
  const window = { start_at: fields.body.start_at as string, end_at: fields.body.end_at as string };
  const start = parseApiTime(window.start_at);
  const end = parseApiTime(window.end_at);
  if (Number.isNaN(start) || Number.isNaN(end)) {
    fields.add(documented.invalidStartEnd);
    return undefined;
  }
  if (!slot || !slotOk) return undefined;
  if (checkWindow({ start_at: iso(slot.start), end_at: iso(slot.end) }, window).length > 0) {
    fields.add(documented.invalidStartEnd);
    return undefined;
  }
  return { start, end };
}

export const updateOrder: Handler = (ctx, state) => {
  const now = state.clock.now();
  const order = findOrder(ctx, state);
  if (state.users.inactive(order.userId)) throw new ProblemReply(documented.userNotActive);
  if (isProcessing(order, now)) throw new ProblemReply(tryLater(30));
  const fields = new Fields(ctx.body);
  if (!UPDATABLE_ORDER_FIELDS.some((key) => fields.has(key)))
    throw new ProblemReply(assumptions.invalidParameter.problem('order'));
  const window = readNewWindow(fields, order, now);
  const tipCents = fields.int('initial_tip_cents');
  if (tipCents !== undefined && tipCents > TIP_CAP_CENTS) fields.add(documented.tipOverMax);
  const itemsCount = fields.int('items_count');
  const bagsCount = fields.int('bags_count');
  const itemsWeight = fields.number('items_weight');
  const cartTotal = fields.number('cart_total');
  const alcoholic = fields.boolean('alcoholic');
  const specialInstructions = fields.text('special_instructions');
  if (fields.problems.length > 0) throw new ProblemReply(fields.problems);

  const status = orderStateAt(order, now).status;
  if (isAssigned(status)) throw new ProblemReply(assumptions.updateAssigned.problem(status));
  const cooldownMs = state.settings.updateCooldownSeconds * 1000;
  if (order.lastUpdatedAt !== null && now - order.lastUpdatedAt < cooldownMs) {
    throw new ProblemReply(recentlyUpdated(Math.ceil((order.lastUpdatedAt + cooldownMs - now) / 1000)));
  }
  if (alcoholic && !storeByCode(order.locationCode)?.alcohol) throw new ProblemReply(documented.alcohol);

  if (window) {
    order.windowStart = window.start;
    order.windowEnd = window.end;
    order.rescheduleAt = null;
  }
  if (tipCents !== undefined) order.tipCents = tipCents;
  if (itemsCount !== undefined) order.itemsCount = itemsCount;
  if (bagsCount !== undefined) order.bagsCount = bagsCount;
  if (itemsWeight !== undefined) order.itemsWeight = itemsWeight;
  if (cartTotal !== undefined) order.cartTotal = cartTotal;
  if (alcoholic !== undefined) order.alcoholic = alcoholic;
  if (specialInstructions !== undefined) order.specialInstructions = specialInstructions;
  order.lastUpdatedAt = now;
  state.orders.save(order);
  state.counters.accepted('updates', order.id);
  return json(presentOrder(order, now, state.baseUrl));
};
