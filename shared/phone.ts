/**
 * Phone numbers as people type them and as the API wants them. Pure and tiny: the sandbox checks
 * E.164 with it, the cache indexes and searches phone digits with it.
 */

/** E.164: a plus, a country code not starting with 0, at most 15 digits in all (e.g. +18005550101). */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{1,14}$/.test(value);
}

/** Only the digits: "(800) 555-0101" and "+1 800 555 0101" give "8005550101" and "18005550101". */
export function phoneDigits(value: string): string {
  return value.replace(/\D+/g, '');
}

/**
 * The digit strings a phone number should be found by: all its digits and, for a North American
 * number (+1 and ten digits), the ten digits people say without the country code. A prefix of either
 * finds the number, so "800 555" and "1800555" both find +18005550101.
 */
export function phoneSearchDigits(value: string): string[] {
  const digits = phoneDigits(value);
  if (!digits) return [];
  if (digits.length === 11 && digits.startsWith('1')) return [digits, digits.slice(1)];
  return [digits];
}
