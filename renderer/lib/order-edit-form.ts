import type { OrderEvent, OrderRecord, updateOrderSchema } from '../../shared/contract';
import type { ServiceOption } from '../../shared/domain';
import { UPDATABLE_ORDER_FIELDS } from '../../shared/domain';
import { centsToDollars, checkTipCents, parseDollars } from '../../shared/money';
import type { Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';
import type { z } from 'zod';
import { Problems, readCount, readDollars, readWeight } from './number-fields';
import { windowChange } from './window-form';

export type OrderChanges = z.input<typeof updateOrderSchema>;

/** The tip-and-details form as typed: text for numbers so nothing is rounded before it is read. */
export interface OrderEditValues {
  tip: string;
  items_count: string;
  bags_count: string;
  items_weight: string;
  cart_total: string;
  alcoholic: boolean;
  special_instructions: string;
}

export const ORDER_EDIT_FIELDS = UPDATABLE_ORDER_FIELDS;

const text = (value: number | null) => (value === null ? '' : String(value));

export function editValuesOf(order: OrderRecord): OrderEditValues {
  return {
    tip: order.tipCents === null ? '' : centsToDollars(order.tipCents),
    items_count: text(order.itemsCount),
    bags_count: text(order.bagsCount),
    items_weight: text(order.itemsWeight),
    cart_total: order.cartTotal === null ? '' : order.cartTotal.toFixed(2),
    alcoholic: order.alcoholic ?? false,
    special_instructions: order.specialInstructions ?? '',
  };
}

/** A new window picked on the form: the time slot and the start and end asked for inside it. */
export interface WindowPick {
  option: ServiceOption;
  start: string;
  end: string;
}

/**
 * The one update request for what the user changed (window, tip and details together, as
 * update-order.txt takes them), checked as the API would: the window rule, whole cents, the $500
 * tip cap. Every problem is reported at once and nothing unchanged is sent.
 */
export function changesFrom(
  values: OrderEditValues,
  order: OrderRecord,
  pick: WindowPick | null = null,
): Result<OrderChanges> {
  const problems = new Problems();
  const changes: OrderChanges = {};
  if (pick) {
    const window = problems.take(windowChange(pick.option, pick.start, pick.end));
    if (window) Object.assign(changes, window);
  }
  if (values.tip.trim() !== '') {
    const cents = parseDollars(values.tip);
    const capped = cents.ok ? checkTipCents(cents.value) : fail({ ...cents.error, key: 'initial_tip_cents' });
    const tip = problems.take(capped);
    if (tip !== undefined && tip !== order.tipCents) changes.initial_tip_cents = tip;
  }
  const items = problems.take(readCount(values.items_count, 'items_count', 'number of items', false));
  if (items !== undefined && items !== order.itemsCount) changes.items_count = items;
  const bags = problems.take(readCount(values.bags_count, 'bags_count', 'number of bags', false));
  if (bags !== undefined && bags !== order.bagsCount) changes.bags_count = bags;
  const weight = problems.take(readWeight(values.items_weight, 'items_weight', false));
  if (weight !== undefined && weight !== order.itemsWeight) changes.items_weight = weight;
  const cart = problems.take(readDollars(values.cart_total, 'cart_total'));
  if (cart !== undefined && cart !== order.cartTotal) changes.cart_total = cart;
  if (values.alcoholic !== (order.alcoholic ?? false)) changes.alcoholic = values.alcoholic;
  if (values.special_instructions.length > 2000) {
    problems.add('special_instructions', 'Special instructions are at most 2000 characters.', 'Shorten them.');
  } else if (values.special_instructions !== (order.specialInstructions ?? '')) {
    changes.special_instructions = values.special_instructions;
  }
  const error = problems.error();
  if (error) return fail(error);
  if (Object.keys(changes).length === 0) {
    return fail({
      code: 'invalid_input',
      message: 'Nothing to change: every field still has its current value.',
      hint: 'Pick a new delivery time or change a field, then save.',
    });
  }
  return ok(changes);
}

/** How long Instacart refuses another change after one (its 2003 "recently updated"), as update-order.txt's sandbox models it. */
export const RECENT_UPDATE_MS = 20 * 60 * 1000;

/** When the order can next be changed, if a change the console saw is recent enough to block one now. */
export function changeableAgainAt(events: OrderEvent[], now: number): number | null {
  const last = events
    .filter((event) => event.source === 'update')
    .reduce((at, event) => Math.max(at, Date.parse(event.at)), 0);
  return last > 0 && now < last + RECENT_UPDATE_MS ? last + RECENT_UPDATE_MS : null;
}
