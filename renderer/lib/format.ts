import { SHOP_ONLY_STATUS_LABELS } from '../../shared/import-fields';
import { formatZonedWindow, offsetAt } from '../../shared/zoned-time';

/**
 * Times belonging to a store are shown in the store's zone, labelled ("12:00 – 2:00 PM PST"); times that
 * belong to no store (audit entries, fetched-at) in the agent's own zone, labelled too. Zones come from
 * the environment's settings (Instacart does not say a store's zone).
 */
export const AGENT_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(kind: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}|${zone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
    formats.set(key, format);
  }
  return format;
}
const count = new Intl.NumberFormat();

function parse(iso: string | number | null | undefined): Date | null {
  if (iso === null || iso === undefined || iso === '') return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** ICU writes thin and narrow no-break spaces; tests and screen readers read plain ones alike. */
const plain = (text: string) => text.replace(/[\u2009\u202f]/g, ' ');

/** A moment with its zone's abbreviation: "Wed, Dec 2, 8:07 PM UTC" (the agent's zone unless a store's is given). */
export function formatDateTime(iso: string | null | undefined, zone: string = AGENT_ZONE): string {
  const date = parse(iso);
  if (!date) return '—';
  const format = formatIn('dateTime', zone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return plain(format.format(date));
}

/** A time of day in a zone, unlabelled: for lists whose zone is said once (a slot picker). */
export function formatTime(iso: string | number | null | undefined, zone: string): string {
  const date = parse(iso);
  return date ? plain(formatIn('time', zone, { hour: 'numeric', minute: '2-digit' }).format(date)) : '—';
}

export function formatDate(iso: string | null | undefined, zone: string): string {
  const date = parse(iso);
  return date ? plain(formatIn('date', zone, { weekday: 'short', month: 'short', day: 'numeric' }).format(date)) : '—';
}

/** The zone's abbreviation at that moment: PST, PDT, EST, or GMT+1 where the locale has no name. */
export function zoneName(iso: string | number, zone: string): string {
  const date = parse(iso);
  if (!date) return zone;
  const part = formatIn('zone', zone, { timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

/** A window in its store's zone, labelled: "Wed, Dec 2, 12:00 – 2:00 PM PST" ("Dec 2, …" when short). */
export function formatWindow(
  start: string | null | undefined,
  end: string | null | undefined,
  zone: string,
  short = false,
): string {
  const from = parse(start);
  const to = parse(end);
  if (!from || !to) return from ? formatDateTime(start, zone) : '—';
  const text = formatZonedWindow(from.getTime(), to.getTime(), zone, null);
  return short ? text.replace(/^[^,]+, /, '') : text;
}

/**
 * The same window in the agent's own zone, when its clock reads differently there ("3:00 – 5:00 PM EST
 * your time"); null when both zones read the same.
 */
export function formatWindowForAgent(
  start: string | null | undefined,
  end: string | null | undefined,
  zone: string,
): string | null {
  const from = parse(start);
  const to = parse(end);
  if (!from || !to || zone === AGENT_ZONE) return null;
  if (offsetAt(from.getTime(), zone) === offsetAt(from.getTime(), AGENT_ZONE)) return null;
  return `${formatZonedWindow(from.getTime(), to.getTime(), AGENT_ZONE, null)} your time`;
}

export function formatCount(value: number): string {
  return count.format(value);
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAgo(iso: string | null | undefined, now: number = Date.now()): string {
  const date = parse(iso);
  if (!date) return 'never';
  const minutes = Math.round((now - date.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** When to try again after the API asked to wait: "3:05 PM PST (in 20 min)", in the given zone. */
export function formatRetryAfter(waitSeconds: number, now: number = Date.now(), zone: string = AGENT_ZONE): string {
  const wait = waitSeconds < 90 ? `${Math.ceil(waitSeconds)} s` : `${Math.ceil(waitSeconds / 60)} min`;
  const at = now + waitSeconds * 1000;
  return `${formatTime(at, zone)} ${zoneName(at, zone)} (in ${wait})`;
}

export function statusLabel(status: string): string {
  return SHOP_ONLY_STATUS_LABELS[status] ?? status.replaceAll('_', ' ');
}
