/**
 * Phone numbers as the API wants them since June 2026: E.164, a plus sign, the country code and the
 * subscriber number, 15 digits at most, nothing else (+18005550101).
 */
const E164 = /^\+[1-9]\d{1,14}$/;

export const E164_EXAMPLE = '+18005550101';

export function isE164(text: string): boolean {
  return E164.test(text);
}

/** Digits only: how the console compares and searches phone numbers however they were typed. */
export function phoneDigits(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * The E.164 form of a number typed loosely ("(800) 555-0101", "001 800 555 0101"), or null when it
 * cannot be guessed. Ten digits are read as a North American number, the console's market.
 */
export function suggestE164(text: string, defaultCountryCode = '1'): string | null {
  const trimmed = text.trim();
  let digits = phoneDigits(trimmed);
  if (trimmed.startsWith('00')) digits = digits.slice(2);
  else if (!trimmed.startsWith('+')) {
    // Without an international prefix only a national number of the default country can be read.
    if (digits.length === 10) digits = defaultCountryCode + digits;
    else if (!(digits.length === 11 && digits.startsWith(defaultCountryCode))) return null;
  }
  const candidate = `+${digits}`;
  return isE164(candidate) ? candidate : null;
}

/**
 * The digit strings a phone number is found by: all its digits and, for a North American number
 * (+1 and ten digits), the ten digits people say without the country code. A prefix of either finds
 * the number, so "800 555" and "1800555" both find +18005550101.
 */
export function phoneSearchDigits(text: string): string[] {
  const digits = phoneDigits(text);
  if (!digits) return [];
  if (digits.length === 11 && digits.startsWith('1')) return [digits, digits.slice(1)];
  return [digits];
}

export type PhoneReading = { ok: true; e164: string } | { ok: false; message: string; hint: string };

/**
 * A phone number as people type it ("(415) 555-0123", "415.555.0123", "+1 415 555 0123") read into
 * E.164 for storage. An extension cannot be dialled by a courier's app, so it is refused rather than
 * dropped without a word.
 */
export function readPhone(text: string): PhoneReading {
  if (/(?:x|ext\.?|extension|#)\s*\d+\s*$/i.test(text.trim())) {
    return {
      ok: false,
      message: `"${text.slice(0, 40)}" has an extension.`,
      hint: 'Give the number without its extension (a courier cannot dial one), e.g. (415) 555-0123.',
    };
  }
  const e164 = /[a-z]/i.test(text) ? null : suggestE164(text);
  if (e164) return { ok: true, e164 };
  return {
    ok: false,
    message: `"${text.slice(0, 40)}" is not a phone number the console can read.`,
    hint: `Give ten digits for a US or Canadian number, e.g. (415) 555-0123, or + and the country code (${E164_EXAMPLE}).`,
  };
}

/** An E.164 number the way people read it: "(415) 555-0123" for North America, as stored otherwise. */
export function displayPhone(e164: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return match ? `(${match[1]}) ${match[2]}-${match[3]}` : e164;
}
