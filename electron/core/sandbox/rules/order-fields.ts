import { isE164, phoneDigits } from '../../../../shared/phone';
import { assumptions } from '../assumptions';
import { documented } from '../errors';
import type { Fields } from './fields';

/** The date from which the API requires user_phone in E.164 format. */
export const E164_REQUIRED_FROM = Date.UTC(2026, 5, 9);

/**
 * Milliseconds of an ISO 8601 date-time, or NaN. Stricter than Date.parse, which reads "1" as the
 * year 2001: the API's times have a date and a time.
 */
export function parseApiTime(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return Number.NaN;
  return Date.parse(value);
}

export function readPhone(fields: Fields, now: number): string | undefined {
  const value = fields.body.user_phone;
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    fields.add(documented.phoneBlank);
    return undefined;
  }
  const phone = typeof value === 'string' ? value.trim() : '';
  if (now >= E164_REQUIRED_FROM) {
    if (isE164(phone)) return phone;
    fields.add(assumptions.phone.notE164);
    return undefined;
  }
  const digits = phoneDigits(phone).length;
  if (digits >= 10 && digits <= 15) return phone;
  fields.add(assumptions.phone.invalid);
  return undefined;
}

/** start_at and end_at when present; one "Invalid start / end at." if either is not an ISO time. */
export function readWindowTimes(fields: Fields): { startAt?: string; endAt?: string } {
  const read = (key: string) => (fields.has(key) ? fields.body[key] : undefined);
  const startAt = read('start_at');
  const endAt = read('end_at');
  const bad = (v: unknown) => v !== undefined && Number.isNaN(parseApiTime(v));
  if (bad(startAt) || bad(endAt)) {
    fields.add(documented.invalidStartEnd);
    return {};
  }
  return { startAt: startAt as string | undefined, endAt: endAt as string | undefined };
}
