import { formatCents, TIP_CAP_CENTS } from '../../../shared/money';
import { assumptions } from './assumptions';
import type { Problem } from './problem';
import { problem } from './problem';

/** Every error row of the five pages, with the exact status, message, code and meta they document. */
export const documented = {
  // create-order.txt
  postalCodeNotFound: problem(400, 'not found', 1001, { key: 'postal_code' }),
  postalCodeNotSupported: problem(400, 'not supported', 1001, { key: 'postal_code' }),
  handoffNotConfigured: problem(400, 'Handoff time calculation is not configured for this retailer.', 1001, {
    key: 'with_handoff_time',
  }),
  holdExpired: problem(400, 'ETA option hold has expired.', 1001, { key: 'service_option_hold_id' }),
  phoneBlank: problem(400, "can't be blank", 1001, { key: 'user.phone_number' }),
  alcohol: problem(400, 'Alcoholic items can not be added to this order. Please remove and retry.', 2001),
  orderIdInUse: problem(400, 'Order already in use.', 1003),
  invalidStartEnd: problem(400, 'Invalid start / end at.', 1001, { key: 'order.start_at' }),
  firstNameInvalid: problem(400, 'First name is invalid', 1001, { key: 'first_name' }),
  tryLater: problem(400, 'The request could not be completed at this time, try again later.', 2003, { wait: '30' }),
  addressMissing: problem(400, 'Required parameter missing or invalid', 1001, { key: 'address' }),
  addressInvalid: problem(400, 'invalid_address', 1001, { key: 'address' }),
  storeUnavailable: problem(400, 'Specified store is not available for delivery.', 1001, { key: 'location_code' }),
  optionUnavailable: problem(
    400,
    'The delivery time you selected is no longer available - please select another time',
    1001,
    { key: 'service_option_id' },
  ),
  poBox: problem(400, 'address contains PO Box', 1001, { key: 'address' }),
  holdNotFound: problem(400, 'Hold not found', 1001, { key: 'service_option_hold_id' }),
  tipOverMax: problem(400, `Tip value is above maximum: ${formatCents(TIP_CAP_CENTS)}.`, 1002, {
    key: 'initial_tip_cents',
  }),
  userNotActive: problem(403, 'User Not Active', null),
  notFound: problem(404, 'Resource not found', 4000),
  locked: problem(423, 'The target resource is locked.', null, { key: 'order_id' }),
  // get-order.txt and update-order.txt
  userNotFound: problem(400, 'User Not Found', 1001, { key: 'user_id' }),
  invalidServiceOptionId: problem(400, 'Invalid service option id.', 1001, { key: 'order.service_option_id' }),
  recentlyUpdated: problem(400, 'Order has been recently updated, please try again in a little while.', 2003, {
    wait: 1200,
    retry: true,
  }),
  // stage-order.txt
  notEligibleToStage: problem(
    404,
    'No order that is eligible to be staged could be found for the provided identifier.',
    4000,
  ),
} satisfies Record<string, Problem>;

/** The multiple-errors row ("Invalid order params", code 9999). */
export const MULTIPLE_ERRORS = { message: 'There were issues with your request', code: 9999 } as const;

export function tryLater(waitSeconds: number): Problem {
  return { ...documented.tryLater, meta: { wait: String(waitSeconds) } };
}

export function recentlyUpdated(waitSeconds: number): Problem {
  return { ...documented.recentlyUpdated, meta: { wait: waitSeconds, retry: true } };
}

function entry(p: Problem): Record<string, unknown> {
  return p.meta
    ? { error: { message: p.message, code: p.code }, meta: p.meta }
    : { error: { message: p.message, code: p.code } };
}

/** The response for one problem (single shape) or several (the 9999 shape, see the assumptions table). */
export function errorResponse(problems: Problem[]): { status: number; body: unknown } {
  const [first] = problems;
  if (!first) throw new Error('errorResponse needs at least one problem');
  if (problems.length === 1) return { status: first.status, body: entry(first) };
  return { status: 400, body: assumptions.multipleErrorsShape.body(problems.map(entry)) };
}
