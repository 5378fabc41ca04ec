import type { OrderRecord } from '../../shared/contract';
import type { ServiceOption } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';
import { checkWindow } from '../../shared/window-rule';
import { Problems } from './number-fields';

/** What the API needs to list delivery times: who, from which store, to which address. */
export interface OptionQuery {
  userId: string;
  locationCode: string;
  address_line_1: string;
  postal_code: string;
}

export interface WindowChange {
  service_option_id: number;
  start_at: string;
  end_at: string;
}

export const WINDOW_FIELDS = [
  'userId',
  'location_code',
  'address.address_line_1',
  'address.postal_code',
  'service_option_id',
  'start_at',
  'end_at',
] as const;

export function optionQueryOf(order: OrderRecord): OptionQuery {
  return {
    userId: order.userId ?? '',
    locationCode: order.locationCode ?? order.storeLocation ?? '',
    address_line_1: order.address?.address_line_1 ?? order.addressLine1 ?? '',
    postal_code: order.address?.postal_code ?? order.postalCode ?? '',
  };
}

/** The list-options request needs all four; say which are missing, all at once. */
export function checkOptionQuery(query: OptionQuery): Result<OptionQuery> {
  const problems = new Problems();
  const trimmed = {
    userId: query.userId.trim(),
    locationCode: query.locationCode.trim(),
    address_line_1: query.address_line_1.trim(),
    postal_code: query.postal_code.trim(),
  };
  if (!trimmed.userId)
    problems.add('userId', 'Enter the customer’s user id.', 'It is on the order or in your shop system.');
  if (!trimmed.locationCode) problems.add('location_code', 'Enter the store location code.');
  if (!trimmed.address_line_1) problems.add('address.address_line_1', 'Enter the delivery address.');
  if (!trimmed.postal_code) problems.add('address.postal_code', 'Enter the postal code.');
  const error = problems.error();
  return error ? fail(error) : ok(trimmed);
}

/** The update for a new window, refused here when the window rule would refuse it. */
export function windowChange(option: ServiceOption | undefined, start: string, end: string): Result<WindowChange> {
  if (!option) {
    return fail({
      code: 'invalid_input',
      key: 'service_option_id',
      message: 'Pick a delivery time first.',
      hint: 'Find delivery times, then choose one of them.',
    });
  }
  const problems = checkWindow(option.window, { start_at: start, end_at: end });
  if (problems.length > 0) {
    return fail({
      code: 'invalid_input',
      message: 'The requested window breaks the delivery-window rule, so it was not sent.',
      hint: 'Pick a start and an end the rule allows; the allowed times are listed above the choices.',
      details: problems.map(({ key, message }) => ({ code: 'invalid_input', key, message })),
    });
  }
  return ok({ service_option_id: option.id, start_at: start, end_at: end });
}
