import { SHOP_ONLY_STATUS_LABELS } from '../../shared/import-fields';
/** Times are shown in the user's own time zone, compactly, the way an operator reads a schedule. */
const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
const count = new Intl.NumberFormat();

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateTime.format(date) : '—';
}

export function formatTime(iso: string | number | null | undefined): string {
  const date = typeof iso === 'number' ? new Date(iso) : parse(iso);
  return date ? timeOnly.format(date) : '—';
}

export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? dateOnly.format(date) : '—';
}

const windowRange = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

const shortRange = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** A window on one line, as the locale writes a range: "Wed, Jul 1, 2:00 – 4:00 PM" ("Jul 1, …" when short). */
export function formatWindow(start: string | null | undefined, end: string | null | undefined, short = false): string {
  const from = parse(start);
  const to = parse(end);
  const format = short ? shortRange : windowRange;
  if (!from || !to) return from ? format.format(from) : '—';
  return from <= to ? format.formatRange(from, to) : `${format.format(from)} – ${format.format(to)}`;
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

/** When to try again after the API asked to wait: "3:05 PM (in 20 min)", "3:05 PM (in 30 s)". */
export function formatRetryAfter(waitSeconds: number, now: number = Date.now()): string {
  const wait = waitSeconds < 90 ? `${Math.ceil(waitSeconds)} s` : `${Math.ceil(waitSeconds / 60)} min`;
  return `${formatTime(now + waitSeconds * 1000)} (in ${wait})`;
}

export function statusLabel(status: string): string {
  return SHOP_ONLY_STATUS_LABELS[status] ?? status.replaceAll('_', ' ');
}
