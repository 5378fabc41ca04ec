import type { ScopedInput } from './api';
import type { ServiceOptionHold } from '../../shared/domain';
import { checkTipCents, parseDollars } from '../../shared/money';
import { newOrderId, orderIdProblem } from '../../shared/order-id';
import type { PhoneReading } from '../../shared/phone';
import { readPhone } from '../../shared/phone';
import type { Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';
import { checkWindow } from '../../shared/window-rule';
import { Problems, readCount, readDollars, readWeight } from './number-fields';

export type CreateRequest = ScopedInput<'orders:create'>;

/** The create-order form as typed. Names follow create-order.txt so the API's errors find their field. */
export interface CreateValues {
  userId: string;
  order_id: string;
  location_code: string;
  locale: string;
  first_name: string;
  last_name: string;
  user_phone: string;
  address_line_1: string;
  address_line_2: string;
  address_type: string;
  postal_code: string;
  tip: string;
  items_count: string;
  bags_count: string;
  items_weight: string;
  cart_total: string;
  bag_label: string;
  special_instructions: string;
  alcoholic: boolean;
  leave_unattended: boolean;
  customer_sms_opt_out: boolean;
  with_handoff_time: boolean;
  applied_express: boolean;
  applied_instacartplus: boolean;
  /** Ask for a window inside the held time slot rather than the slot itself. */
  customWindow: boolean;
  start_at: string;
  end_at: string;
  async: boolean;
}

export const CREATE_FIELDS = [
  'userId',
  'order_id',
  'location_code',
  'locale',
  'first_name',
  'last_name',
  'user_phone',
  'address',
  'address.address_line_1',
  'address.address_line_2',
  'address.address_type',
  'address.postal_code',
  'service_option_id',
  'service_option_hold_id',
  'start_at',
  'end_at',
  'initial_tip_cents',
  'items_count',
  'bags_count',
  'items_weight',
  'cart_total',
  'bag_label',
  'special_instructions',
  'with_handoff_time',
] as const;

export function emptyCreateValues(): CreateValues {
  return {
    userId: '',
    order_id: newOrderId(),
    location_code: '',
    locale: 'en-US',
    first_name: '',
    last_name: '',
    user_phone: '',
    address_line_1: '',
    address_line_2: '',
    address_type: '',
    postal_code: '',
    tip: '',
    items_count: '',
    bags_count: '',
    items_weight: '',
    cart_total: '',
    bag_label: '',
    special_instructions: '',
    alcoholic: false,
    leave_unattended: false,
    customer_sms_opt_out: false,
    with_handoff_time: false,
    applied_express: false,
    applied_instacartplus: false,
    customWindow: false,
    start_at: '',
    end_at: '',
    async: false,
  };
}

/** The phone as typed any way ("(415) 555-0123"), read by the rule search uses, into the E.164 the API wants. */
export function phoneOf(typed: string): PhoneReading {
  if (typed.trim() === '') {
    return { ok: false, message: 'Enter the customer’s phone number.', hint: 'For example (415) 555-0123.' };
  }
  return readPhone(typed.trim());
}

const optionalText = (value: string) => (value.trim() === '' ? undefined : value.trim());

/**
 * The create request, or every problem found before sending it: required fields, E.164, numbers,
 * the tip cap, a held time slot, and the window rule when a window of one's own is asked for.
 */
export function buildCreate(values: CreateValues, hold: ServiceOptionHold | null): Result<CreateRequest> {
  const problems = new Problems();
  const required = (key: string, value: string, message: string) => {
    if (value.trim() === '') problems.add(key, message);
  };
  required('userId', values.userId, 'Enter the customer’s user id.');
  required('location_code', values.location_code, 'Enter the store location code.');
  required('first_name', values.first_name, 'Enter the first name.');
  required('last_name', values.last_name, 'Enter the last name.');
  const phone = phoneOf(values.user_phone);
  if (!phone.ok) problems.add('user_phone', phone.message, phone.hint);
  required('address.address_line_1', values.address_line_1, 'Enter the street address.');
  required('address.postal_code', values.postal_code, 'Enter the postal code.');
  if (!hold)
    problems.add(
      'service_option_hold_id',
      'Pick a delivery time.',
      'Find delivery times and pick one: picking it reserves it.',
    );

  let tip: number | undefined;
  if (values.tip.trim() !== '') {
    const cents = parseDollars(values.tip);
    tip = problems.take(cents.ok ? checkTipCents(cents.value) : fail({ ...cents.error, key: 'initial_tip_cents' }));
  }
  const items = problems.take(readCount(values.items_count, 'items_count', 'number of items', true));
  const bags = problems.take(readCount(values.bags_count, 'bags_count', 'number of bags', false));
  const weight = problems.take(readWeight(values.items_weight, 'items_weight', true));
  const cart = problems.take(readDollars(values.cart_total, 'cart_total'));

  if (hold && values.customWindow) {
    for (const problem of checkWindow(hold.service_option.window, {
      start_at: values.start_at,
      end_at: values.end_at,
    })) {
      problems.add(problem.key, problem.message, 'Pick a start and an end the window rule allows.');
    }
  }

  const idProblem = values.order_id.trim() ? orderIdProblem(values.order_id.trim()) : null;
  if (idProblem) problems.add('order_id', idProblem, 'Use the id the shop gave the order, or press "New id".');

  const error = problems.error();
  if (error || !hold || !phone.ok || items === undefined || weight === undefined) {
    return fail(error ?? { code: 'invalid_input', message: 'The order is incomplete.' });
  }
  const order: CreateRequest['order'] = {
    location_code: values.location_code.trim(),
    service_option_hold_id: hold.id,
    first_name: values.first_name.trim(),
    last_name: values.last_name.trim(),
    user_phone: phone.e164,
    items_count: items,
    items_weight: weight,
    address: {
      address_line_1: values.address_line_1.trim(),
      postal_code: values.postal_code.trim(),
      ...(optionalText(values.address_line_2) ? { address_line_2: values.address_line_2.trim() } : {}),
      ...(optionalText(values.address_type) ? { address_type: values.address_type.trim() } : {}),
    },
  };
  const extra = {
    order_id: optionalText(values.order_id),
    locale: optionalText(values.locale),
    bag_label: optionalText(values.bag_label),
    special_instructions: optionalText(values.special_instructions),
    initial_tip_cents: tip,
    bags_count: bags,
    cart_total: cart,
    start_at: values.customWindow ? values.start_at : undefined,
    end_at: values.customWindow ? values.end_at : undefined,
  };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) Object.assign(order, { [key]: value });
  for (const flag of [
    'alcoholic',
    'leave_unattended',
    'customer_sms_opt_out',
    'with_handoff_time',
    'applied_express',
    'applied_instacartplus',
  ] as const) {
    if (values[flag]) order[flag] = true;
  }
  return ok({ userId: values.userId.trim(), order, async: values.async });
}
