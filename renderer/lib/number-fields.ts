import { parseDollars } from '../../shared/money';
import type { AppError, Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';

/**
 * Readers for the numeric fields of the order forms: each takes the typed text and the request's
 * name for the field, so a problem lands next to the field it is about.
 */

function problem(key: string, message: string, hint: string): Result<never> {
  return fail({ code: 'invalid_input', key, message, hint });
}

export function readCount(text: string, key: string, label: string, required: boolean): Result<number | undefined> {
  const trimmed = text.trim();
  if (trimmed === '')
    return required ? problem(key, `Enter the ${label}.`, 'A whole number, 0 or more.') : ok(undefined);
  if (!/^\d+$/.test(trimmed))
    return problem(key, `The ${label} must be a whole number.`, 'Digits only, for example 12.');
  const value = Number(trimmed);
  if (value > 100_000) return problem(key, `The ${label} is at most 100,000.`, 'Check the number.');
  return ok(value);
}

export function readWeight(text: string, key: string, required: boolean): Result<number | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') return required ? problem(key, 'Enter the weight in lbs.', 'For example 12.5.') : ok(undefined);
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return problem(key, 'The weight must be a number of lbs.', 'For example 12.5.');
  const value = Number(trimmed);
  if (value > 100_000) return problem(key, 'The weight is at most 100,000 lbs.', 'Check the number.');
  return ok(value);
}

/** Dollars as the API's `cart_total` wants them: a number of dollars, read exactly from the text. */
export function readDollars(text: string, key: string): Result<number | undefined> {
  if (text.trim() === '') return ok(undefined);
  const cents = parseDollars(text);
  if (!cents.ok) return fail({ ...cents.error, key });
  return ok(cents.value / 100);
}

/** Collects the problems of several fields into one error, so the form shows them all at once. */
export class Problems {
  readonly list: AppError[] = [];

  take<T>(result: Result<T>): T | undefined {
    if (result.ok) return result.value;
    this.list.push(...(result.error.details?.length ? result.error.details : [result.error]));
    return undefined;
  }

  add(key: string, message: string, hint?: string): void {
    this.list.push({ code: 'invalid_input', key, message, ...(hint ? { hint } : {}) });
  }

  /** One error for the whole form, naming each field; null when there is nothing to fix. */
  error(): AppError | null {
    const [first, ...rest] = this.list;
    if (!first) return null;
    if (rest.length === 0) return first;
    return {
      code: 'invalid_input',
      message: `${this.list.length} fields need attention, so nothing was sent.`,
      hint: 'Correct the fields marked below and try again.',
      details: this.list,
    };
  }
}
