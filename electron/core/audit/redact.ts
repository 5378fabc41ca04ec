/**
 * What the audit log may keep of a request or an error: everything but a secret. Every entry passes
 * through here on its way to the table, so a secret a request carries in any shape (a key named like
 * one, a URL's user:password@, a bearer token or a `client_secret=...` inside a string) is never
 * written, even when the request itself was refused for carrying it.
 */

/** Keys whose values are secrets or grant access, in any casing or spelling (client_secret, accessToken...). */
const SECRET_KEY = /secret|token|authori[sz]ation|password|passwd|pwd|api[-_]?key|credential|cookie/i;
/** `scheme://user:password@`: the userinfo of any URL in a string, up to the last @ before the host. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;
/** A bearer token anywhere in a string; `Basic` only as a whole value, as it is also an ordinary word. */
const BEARER = /\b(bearer)\s+[\w.~+/=-]+/gi;
const BASIC = /^(\s*basic)\s+\S+$/i;
/** `client_secret=abc`, `"access_token": "abc"`, `password: abc` inside a string (a form body, a message). */
const SECRET_PAIR = new RegExp(
  `\\b([\\w-]*(?:${SECRET_KEY.source})[\\w-]*)("?\\s*[=:]\\s*)((?:bearer|basic)\\s+[^\\s&,;]+|"[^"]*"|'[^']*'|[^\\s&,;]+)`,
  'gi',
);
const REMOVED = '[removed]';
const MAX_DEPTH = 20;

/** A string with every credential it carries replaced by [removed]. */
export function redactText(text: string): string {
  return text
    .replace(URL_USERINFO, `$1${REMOVED}@`)
    .replace(BASIC, `$1 ${REMOVED}`)
    .replace(BEARER, `$1 ${REMOVED}`)
    .replace(SECRET_PAIR, `$1$2${REMOVED}`);
}

/**
 * A copy of a request fit for the audit log: every key that names a secret is removed, at any depth,
 * and every string is redacted. Values JSON cannot hold become null, cycles are cut.
 */
export function redactRequest(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const clean = (item: unknown, depth: number): unknown => {
    if (typeof item === 'string') return redactText(item);
    if (typeof item === 'number') return Number.isFinite(item) ? item : null;
    if (item === null || typeof item === 'boolean') return item;
    if (typeof item !== 'object' || depth > MAX_DEPTH) return null;
    if (item instanceof Date) return Number.isNaN(item.getTime()) ? null : item.toISOString();
    if (seen.has(item)) return '[circular]';
    seen.add(item);
    let out: unknown;
    if (Array.isArray(item)) {
      out = item.map((entry) => clean(entry, depth + 1));
    } else {
      const copy: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(item)) {
        if (SECRET_KEY.test(key) || entry === undefined || typeof entry === 'function') continue;
        copy[redactText(key)] = clean(entry, depth + 1);
      }
      out = copy;
    }
    seen.delete(item);
    return out;
  };
  return clean(value, 0);
}
