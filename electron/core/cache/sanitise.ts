/** Keys whose values are secrets or grant access, in any casing or spelling (client_secret, accessToken...). */
const SECRET_KEY = /secret|token|authori[sz]ation|password|passwd|api[-_]?key|credential|cookie/i;
const BEARER = /^\s*(bearer|basic)\s+\S/i;
const MAX_DEPTH = 20;

/**
 * A copy of a request fit for the audit log: every key that names a secret is removed, at any depth,
 * and so is any string that carries a credential (an Authorization header value). Values JSON cannot
 * hold become null, cycles are cut.
 */
export function sanitiseRequest(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const clean = (item: unknown, depth: number): unknown => {
    if (typeof item === 'string') return BEARER.test(item) ? '[removed]' : item;
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
        copy[key] = clean(entry, depth + 1);
      }
      out = copy;
    }
    seen.delete(item);
    return out;
  };
  return clean(value, 0);
}
