import { describe, expect, it } from 'vitest';
import { hintFor } from '../../../electron/core/connect/error-hints';
import { readBody } from '../../../electron/core/connect/http';
import { errorFromResponse } from '../../../electron/core/connect/parse-error';

interface Row {
  page: string;
  status: number;
  message: string;
  code: number | null;
  meta?: Record<string, unknown>;
  /** What the hint must tell the user for this cause. */
  hint: RegExp;
}

const BUSY = 'The request could not be completed at this time, try again later.';
const ALCOHOL = 'Alcoholic items can not be added to this order. Please remove and retry.';

/** Every error row of the pages' tables, as the API sends it. */
const ROWS: Row[] = [
  {
    page: 'create',
    status: 400,
    message: 'not found',
    code: 1001,
    meta: { key: 'postal_code' },
    hint: /does not recognise this postal code/,
  },
  {
    page: 'create',
    status: 400,
    message: 'not supported',
    code: 1001,
    meta: { key: 'postal_code' },
    hint: /does not deliver to this postal code/,
  },
  {
    page: 'create',
    status: 400,
    message: 'Handoff time calculation is not configured for this retailer.',
    code: 1001,
    meta: { key: 'with_handoff_time' },
    hint: /turn off "with handoff time"/,
  },
  {
    page: 'create',
    status: 400,
    message: 'ETA option hold has expired.',
    code: 1001,
    meta: { key: 'service_option_hold_id' },
    hint: /reserved time slot has expired/,
  },
  {
    page: 'create',
    status: 400,
    message: "can't be blank",
    code: 1001,
    meta: { key: 'user.phone_number' },
    hint: /phone number in E\.164/,
  },
  { page: 'create', status: 400, message: 'There were issues with your request', code: 9999, hint: /Several fields/ },
  { page: 'create', status: 400, message: ALCOHOL, code: 2001, hint: /remove the alcoholic items/ },
  { page: 'create', status: 400, message: 'Order already in use.', code: 1003, hint: /another order id/ },
  {
    page: 'create',
    status: 400,
    message: 'Invalid start / end at.',
    code: 1001,
    meta: { key: 'order.start_at' },
    hint: /within 2 hours of the time slot start/,
  },
  {
    page: 'create',
    status: 400,
    message: 'First name is invalid',
    code: 1001,
    meta: { key: 'first_name' },
    hint: /first name/,
  },
  {
    page: 'create',
    status: 400,
    message: BUSY,
    code: 2003,
    meta: { wait: '30' },
    hint: /cannot handle this right now/,
  },
  {
    page: 'create',
    status: 400,
    message: 'Required parameter missing or invalid',
    code: 1001,
    meta: { key: 'address' },
    hint: /street address and postal code/,
  },
  {
    page: 'create',
    status: 400,
    message: 'invalid_address',
    code: 1001,
    meta: { key: 'address' },
    hint: /street address and postal code/,
  },
  {
    page: 'create',
    status: 400,
    message: 'Specified store is not available for delivery.',
    code: 1001,
    meta: { key: 'location_code' },
    hint: /choose another store/,
  },
  {
    page: 'create',
    status: 400,
    message: 'The delivery time you selected is no longer available - please select another time',
    code: 1001,
    meta: { key: 'service_option_id' },
    hint: /no longer available: list the time slots again/,
  },
  {
    page: 'create',
    status: 400,
    message: 'address contains PO Box',
    code: 1001,
    meta: { key: 'address' },
    hint: /PO boxes/,
  },
  {
    page: 'create',
    status: 400,
    message: 'Hold not found',
    code: 1001,
    meta: { key: 'service_option_hold_id' },
    hint: /reservation is not known/,
  },
  {
    page: 'create',
    status: 400,
    message: 'Tip value is above maximum: $500.00.',
    code: 1002,
    meta: { key: 'initial_tip_cents' },
    hint: /limited to \$500\.00/,
  },
  { page: 'create', status: 403, message: 'User Not Active', code: null, hint: /account is not active/ },
  { page: 'create', status: 404, message: 'Resource not found', code: 4000, hint: /no order with this id/ },
  {
    page: 'create',
    status: 423,
    message: 'The target resource is locked.',
    code: null,
    meta: { key: 'order_id' },
    hint: /locked by another change/,
  },
  {
    page: 'get',
    status: 400,
    message: 'User Not Found',
    code: 1001,
    meta: { key: 'user_id' },
    hint: /no customer with this user id/,
  },
  { page: 'get', status: 404, message: 'Resource not found', code: 4000, hint: /no order with this id/ },
  {
    page: 'update',
    status: 400,
    message: 'User Not Found',
    code: 1001,
    meta: { key: 'user_id' },
    hint: /no customer with this user id/,
  },
  {
    page: 'update',
    status: 400,
    message: 'Invalid service option id.',
    code: 1001,
    meta: { key: 'order.service_option_id' },
    hint: /choose one from the list/,
  },
  { page: 'update', status: 400, message: ALCOHOL, code: 2001, hint: /remove the alcoholic items/ },
  {
    page: 'update',
    status: 400,
    message: 'Order has been recently updated, please try again in a little while.',
    code: 2003,
    meta: { wait: 1200, retry: true },
    hint: /changed moments ago/,
  },
  {
    page: 'update',
    status: 400,
    message: BUSY,
    code: 2003,
    meta: { wait: '30' },
    hint: /cannot handle this right now/,
  },
  { page: 'update', status: 403, message: 'User Not Active', code: null, hint: /account is not active/ },
  { page: 'update', status: 404, message: 'Resource not found', code: 4000, hint: /no order with this id/ },
  { page: 'stage', status: 400, message: BUSY, code: 2003, meta: { wait: '30' }, hint: /cannot handle this right now/ },
  {
    page: 'stage',
    status: 404,
    message: 'No order that is eligible to be staged could be found for the provided identifier.',
    code: 4000,
    hint: /No stageable order has this id/,
  },
  // Not on the pages: the sandbox's cancel refusal, worded like update's (see the assumptions table).
  {
    page: 'cancel',
    status: 400,
    message: 'Order can no longer be canceled: it is acknowledged.',
    code: 1001,
    meta: { key: 'order_id' },
    hint: /cancels only brand new orders.+Refresh it/,
  },
];

describe('a hint for each documented cause', () => {
  it.each(ROWS.map((row) => [`${row.page}: ${row.status} ${row.code} ${row.message}`, row] as const))(
    '%s',
    (_name, row) => {
      const body = row.meta
        ? { error: { message: row.message, code: row.code }, meta: row.meta }
        : { error: { message: row.message, code: row.code } };
      const error = errorFromResponse(row.status, readBody(JSON.stringify(body), 'application/json'), 'x');
      expect(error.appError.hint).toMatch(row.hint);
      const key = row.meta?.key;
      if (typeof key === 'string' && (row.code === 1001 || row.code === 1002)) {
        // The field named, not only the code, chose the hint.
        expect(error.appError.hint).not.toBe(hintFor(row.status, row.code, 'some_other_field', row.message));
      }
    },
  );
});
