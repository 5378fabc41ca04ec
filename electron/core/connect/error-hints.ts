/**
 * What the user should do about each documented cause, keyed by the API's code and `meta.key` (and,
 * where one code+key has several causes, a pattern of the message). Taken from the error tables of
 * create-order, update-order, get-order and stage-order; the first matching row wins.
 */
interface HintRow {
  code: number | null;
  key?: string;
  message?: RegExp;
  hint: string;
}

const WINDOW_RULE =
  'The start must be within 2 hours of the time slot start, the end within 2 hours of its end, and the window must overlap the slot.';

export const HINTS: readonly HintRow[] = [
  {
    code: 1001,
    key: 'postal_code',
    message: /not supported/i,
    hint: 'Instacart does not deliver to this postal code: check it with the customer or choose another store.',
  },
  {
    code: 1001,
    key: 'postal_code',
    hint: 'Instacart does not recognise this postal code: check it with the customer.',
  },
  {
    code: 1001,
    key: 'with_handoff_time',
    hint: 'Handoff times are not configured for this retailer: turn off "with handoff time" and create the order again.',
  },
  {
    code: 1001,
    key: 'service_option_hold_id',
    message: /expired/i,
    hint: 'The reserved time slot has expired: pick a time slot again, then create the order.',
  },
  {
    code: 1001,
    key: 'service_option_hold_id',
    hint: 'The time slot reservation is not known to Instacart: pick a time slot again, then create the order.',
  },
  {
    code: 1001,
    key: 'user.phone_number',
    hint: "Enter the customer's phone number in E.164 form, for example +18005550101.",
  },
  { code: 1001, key: 'user_phone', hint: "Enter the customer's phone number in E.164 form, for example +18005550101." },
  { code: 1001, key: 'order.start_at', hint: `The delivery window does not fit the chosen time slot. ${WINDOW_RULE}` },
  { code: 1001, key: 'first_name', hint: "Check the customer's first name (letters, no symbols or numbers)." },
  { code: 1001, key: 'last_name', hint: "Check the customer's last name (letters, no symbols or numbers)." },
  {
    code: 1001,
    key: 'address',
    message: /po box/i,
    hint: 'Instacart does not deliver to PO boxes: enter a street address.',
  },
  {
    code: 1001,
    key: 'address',
    hint: 'Check the street address and postal code with the customer; Instacart could not use them.',
  },
  { code: 1001, key: 'location_code', hint: 'This store does not offer delivery: choose another store location.' },
  {
    code: 1001,
    key: 'service_option_id',
    hint: 'That time slot is no longer available: list the time slots again and choose another.',
  },
  {
    code: 1001,
    key: 'order.service_option_id',
    hint: 'That time slot is not valid for this order: list the time slots again and choose one from the list.',
  },
  { code: 1001, key: 'user_id', hint: 'Instacart has no customer with this user id: check the user id.' },
  {
    code: 1001,
    key: 'order_id',
    message: /no longer be updated/i,
    hint: 'Instacart no longer accepts changes to this order: it has been assigned for fulfillment. Refresh it to see its status.',
  },
  {
    code: 1001,
    key: 'order_id',
    message: /no longer be canceled/i,
    hint: 'Instacart cancels only brand new orders, and this one has moved on since the console last saw it. Refresh it to see its status.',
  },
  { code: 1001, hint: 'A required field is missing or invalid: correct the field named and try again.' },
  { code: 1002, key: 'initial_tip_cents', hint: 'Tips are limited to $500.00: lower the tip.' },
  { code: 1002, hint: 'A value is above what Instacart allows: lower it and try again.' },
  {
    code: 1003,
    hint: 'An order with this order id already exists: open that order, or create this one with another order id.',
  },
  {
    code: 2001,
    hint: 'This order fails the alcohol compliance check: remove the alcoholic items (or untick "alcoholic") and try again.',
  },
  {
    code: 2003,
    message: /recently updated/i,
    hint: 'The order was changed moments ago: wait until the time shown has passed, then try again.',
  },
  { code: 2003, hint: 'Instacart cannot handle this right now: wait until the time shown has passed, then try again.' },
  {
    code: 4000,
    message: /staged/i,
    hint: 'No stageable order has this id: it may not be a dispatch order, may be staged already, or may be canceled. Check the order.',
  },
  {
    code: 4000,
    hint: 'Instacart has no order with this id in this environment: check the order id and the selected environment.',
  },
  { code: 9999, hint: 'Several fields were rejected: correct each field listed and try again.' },
  {
    code: null,
    key: 'order_id',
    hint: 'The order is locked by another change in progress: wait a moment, then try again.',
  },
  {
    code: null,
    message: /not active/i,
    hint: "The customer's Instacart account is not active: the customer must contact Instacart.",
  },
];

/** What to do when the API gave no code we know, by HTTP status. */
const STATUS_HINTS: Record<number, string> = {
  400: 'Instacart rejected the request: correct what the message names and try again.',
  401: "Instacart refused this environment's credentials: check the client id and secret in Environments.",
  403: 'Instacart does not allow this: check that the credentials belong to this retailer and environment.',
  404: 'Instacart has no such order or resource in this environment: check the id and the selected environment.',
  408: 'Instacart timed out waiting for the request: try again.',
  423: 'The order is locked by another change in progress: wait a moment, then try again.',
  429: 'Too many requests per second for Instacart: wait a few seconds and try again.',
  500: 'Instacart had an internal error: try again in a moment.',
  502: 'A gateway between the console and Instacart failed: try again in a moment.',
  503: 'Instacart is temporarily unavailable: try again in a moment.',
  504: 'A gateway between the console and Instacart timed out: try again in a moment.',
};

export function hintFor(
  status: number,
  code: number | null | undefined,
  key: string | undefined,
  message: string,
): string {
  if (code !== undefined) {
    for (const row of HINTS) {
      if (row.code !== code) continue;
      if (row.key !== undefined && row.key !== key) continue;
      if (row.message && !row.message.test(message)) continue;
      return row.hint;
    }
  }
  if (status < 400) return "The server redirected the request: check the environment's base URL.";
  return STATUS_HINTS[status] ?? (status >= 500 ? STATUS_HINTS[500]! : STATUS_HINTS[400]!);
}
