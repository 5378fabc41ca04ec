/**
 * What a log line must never carry, removed from free text before it is written. Customer names cannot be
 * told apart from other words in free text: they are kept out by field name (see `redactFields`).
 */
const CREDENTIAL = /\b(bearer|basic)\s+[\w.~+/=-]+/gi;
const SECRET_PAIR =
  /\b((?:client_?secret|secret|access_?token|refresh_?token|token|password|authorization|api_?key)["']?\s*[:=]\s*["']?)[^"'\s,&;}]+/gi;
/** Anything a phone number can be written as: a run of digits with spaces, dots, dashes or brackets. */
const PHONE_LIKE = /\+?\(?\d[\d\s().-]{7,}\d/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
/** An opaque value at least as long as an access token: a secret or a token, never a word. */
const OPAQUE = /\b[\w-]{32,}\b/g;
/** Job ids are UUIDs: they stay, so a support engineer can follow a job. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const REDACTED = '[redacted]';

function redactPhone(match: string): string {
  if (ISO_DATE.test(match)) return match;
  const digits = match.replace(/\D/g, '').length;
  return digits >= 10 && digits <= 15 ? '[phone]' : match;
}

export function redact(text: string): string {
  return text
    .replace(CREDENTIAL, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(SECRET_PAIR, (_match, key: string) => `${key}${REDACTED}`)
    .replace(OPAQUE, (match) => (UUID.test(match) ? match : REDACTED))
    .replace(PHONE_LIKE, redactPhone);
}

/** Field names whose values are customer data or credentials, whatever they hold. */
const PRIVATE_FIELD = /name|phone|email|address|street|secret|token|password|authorization|credential|cookie/i;
const MAX_DEPTH = 4;

/** A copy of structured log fields with private fields blanked and every string redacted. */
export function redactFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => redactFields(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      PRIVATE_FIELD.test(key) ? REDACTED : redactFields(field, depth + 1),
    ]),
  );
}
