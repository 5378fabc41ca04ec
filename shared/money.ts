import type { Result } from './result';
import { fail, ok } from './result';

/** The API refuses a pre-delivery tip above $500.00 (code 1002 on initial_tip_cents). */
export const TIP_CAP_CENTS = 50_000;

/** Nine digits of dollars keeps every amount an exact integer number of cents. */
const MAX_WHOLE_DIGITS = 9;
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

function invalid(message: string, hint: string): Result<never> {
  return fail({ code: 'invalid_input', message, hint });
}

/**
 * Reads an amount typed as dollars ("12", "12.5", "$1,234.56") into whole cents by reading the
 * digits, never through floating point: "0.29" is 29 cents, not 28.999....
 */
export function parseDollars(text: string): Result<number> {
  const trimmed = text.trim().replace(/^\$\s*/, '');
  if (trimmed === '') return invalid('Enter an amount.', 'For example 12.50 for twelve dollars and fifty cents.');
  if (trimmed.startsWith('-')) return invalid('The amount cannot be negative.', 'Enter 0 or more.');
  const match = AMOUNT.exec(trimmed);
  const whole = (match?.[1] ?? '').replaceAll(',', '');
  const fraction = match?.[2] ?? '';
  if (!match || (whole === '' && fraction === '')) {
    return invalid(`"${text.trim().slice(0, 40)}" is not an amount of money.`, 'Use digits and a dot, like 12.50.');
  }
  if (fraction.length > 2) {
    return invalid(
      'An amount has at most two decimals (cents).',
      `Round it to cents, for example ${whole || '0'}.${fraction.slice(0, 2)}.`,
    );
  }
  if (whole.replace(/^0+/, '').length > MAX_WHOLE_DIGITS) {
    return invalid('The amount is too large.', 'Check the number of digits.');
  }
  return ok(Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0')));
}

/** Whole cents as a plain dollar string with two decimals: 1250 -> "12.50". */
export function centsToDollars(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Whole cents for people: 123450 -> "$1,234.50". */
export function formatCents(cents: number): string {
  const plain = centsToDollars(cents);
  const sign = plain.startsWith('-') ? '-' : '';
  const [whole = '0', fraction = '00'] = plain.replace('-', '').split('.');
  return `${sign}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** A tip in cents checked against the API's cap, with the reason in words. */
export function checkTipCents(cents: number): Result<number> {
  if (cents > TIP_CAP_CENTS) {
    return fail({
      code: 'invalid_input',
      key: 'initial_tip_cents',
      message: `A tip above ${formatCents(TIP_CAP_CENTS)} is refused by Instacart.`,
      hint: `Enter at most ${formatCents(TIP_CAP_CENTS)}; a larger amount has to be arranged another way.`,
    });
  }
  return ok(cents);
}
