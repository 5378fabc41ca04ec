import { TIP_CAP_CENTS } from '../../../../shared/money';
import { checkWindow } from '../../../../shared/window-rule';
import { assumptions } from '../assumptions';
import { documented } from '../errors';
import type { Handler } from '../http-types';
import { json } from '../http-types';
import type { SandboxOrder } from '../lifecycle';
import { presentOrder, shortForm } from '../present';
import { ProblemReply } from '../problem';
import { availability, slotById } from '../service-options';
import type { SandboxState } from '../state';
import { storeByCode } from '../stores';
import { iso } from '../time';
import { Fields, isValidName, readAddress, readLocale } from './fields';
import { pathUser } from './order-access';
import { readPhone, readWindowTimes } from './order-fields';

/** Instructions that make an asynchronous create fail after it was accepted (see the assumptions). */
export const FAIL_LATER_MARKER = 'SANDBOX_FAIL_LATER';

function readCreate(fields: Fields, now: number) {
  const read = {
    orderId: fields.string('order_id', false, 128),
    locationCode: fields.string('location_code', true, 64),
    holdId: fields.id('service_option_hold_id'),
    phone: readPhone(fields, now),
    locale: readLocale(fields),
    window: readWindowTimes(fields),
    tipCents: fields.int('initial_tip_cents'),
    itemsCount: fields.int('items_count', true),
    bagsCount: fields.int('bags_count'),
    itemsWeight: fields.number('items_weight', true),
    cartTotal: fields.number('cart_total'),
    bagLabel: fields.text('bag_label', 64),
    alcoholic: fields.boolean('alcoholic'),
    leaveUnattended: fields.boolean('leave_unattended'),
    specialInstructions: fields.text('special_instructions'),
    smsOptOut: fields.boolean('customer_sms_opt_out'),
    withHandoff: fields.boolean('with_handoff_time'),
    express: fields.boolean('applied_express'),
    instacartplus: fields.boolean('applied_instacartplus'),
    address: readAddress(fields),
  };
  if (!isValidName(fields.body.first_name)) fields.add(documented.firstNameInvalid);
  if (!isValidName(fields.body.last_name)) fields.add(assumptions.names.lastNameInvalid);
  if (read.tipCents !== undefined && read.tipCents > TIP_CAP_CENTS) fields.add(documented.tipOverMax);
  return read;
}

/** The checks after the fields, in the order the assumptions table gives; the first failure answers. */
function resolveBooking(state: SandboxState, userId: string, read: ReturnType<typeof readCreate>, orderId: string) {
  const now = state.clock.now();
  const existing = state.orders.get(orderId);
  if (existing) {
    const processing = existing.processingUntil !== null && now < existing.processingUntil;
    throw new ProblemReply(processing ? documented.locked : documented.orderIdInUse);
  }
  const store = storeByCode(read.locationCode ?? '');
  if (!store?.availableForDelivery) throw new ProblemReply(documented.storeUnavailable);
  const hold = state.holds.get(read.holdId ?? -1);
  if (!hold || hold.userId !== userId || hold.locationCode !== store.code) {
    throw new ProblemReply(documented.holdNotFound);
  }
  if (now >= hold.expiresAt) throw new ProblemReply(documented.holdExpired);
  const slot = slotById(hold.optionId);
  if (!slot || !availability(slot, now).available) throw new ProblemReply(documented.optionUnavailable);
  const option = { start_at: iso(slot.start), end_at: iso(slot.end) };
  const requested = { start_at: read.window.startAt ?? option.start_at, end_at: read.window.endAt ?? option.end_at };
  if (checkWindow(option, requested).length > 0) throw new ProblemReply(documented.invalidStartEnd);
  if (read.withHandoff && !store.handoffTime) throw new ProblemReply(documented.handoffNotConfigured);
  if (read.alcoholic && !store.alcohol) throw new ProblemReply(documented.alcohol);
  return { store, hold, window: { start: Date.parse(requested.start_at), end: Date.parse(requested.end_at) } };
}

export const createOrder: Handler = (ctx, state) => {
  const now = state.clock.now();
  const userId = pathUser(ctx, state);
  const fields = new Fields(ctx.body);
  const read = readCreate(fields, now);
  if (fields.problems.length > 0) throw new ProblemReply(fields.problems);
  const orderId = read.orderId ?? state.orders.generateId();
  const { store, hold, window } = resolveBooking(state, userId, read, orderId);

  const processingUntil = store.asyncCreate ? now + state.settings.asyncDelaySeconds * 1000 : null;
  const failLater = processingUntil !== null && (read.specialInstructions ?? '').includes(FAIL_LATER_MARKER);
  const order: SandboxOrder = {
    id: orderId,
    userId,
    locationCode: store.code,
    dispatch: store.dispatch,
    createdAt: now,
    windowStart: window.start,
    windowEnd: window.end,
    locale: read.locale ?? 'en_US',
    instacartplus: read.instacartplus ?? read.express ?? false,
    handoff: read.withHandoff ?? false,
    itemsCount: read.itemsCount ?? 0,
    bagsCount: read.bagsCount ?? null,
    itemsWeight: read.itemsWeight ?? 0,
    cartTotal: read.cartTotal ?? null,
    tipCents: read.tipCents ?? 0,
    alcoholic: read.alcoholic ?? false,
    bagLabel: read.bagLabel ?? null,
    specialInstructions: read.specialInstructions ?? null,
    stagedAt: null,
    cancelAt: failLater ? processingUntil : null,
    cancellationReason: failLater ? 'unable_to_fulfill' : null,
    rescheduleAt: null,
    deliveryMinutes: 60,
    lateMinutes: null,
    processingUntil,
    lastUpdatedAt: null,
  };
  state.orders.save(order);
  state.users.register(userId);
  state.holds.delete(hold.id);
  state.counters.accepted('creates', orderId);
  return json(processingUntil !== null ? shortForm(order, now) : presentOrder(order, now, state.baseUrl, 'created'));
};
