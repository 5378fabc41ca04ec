/**
 * Times in a named IANA zone, through the platform's Intl (Node and Chromium ship full ICU): the offset
 * of a zone at an instant, a wall-clock time in a zone as an instant, and ISO 8601 with the offset.
 * Instacart does not say a store's zone; the console's settings do, and these turn it into text.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(zone, formatter);
  }
  return formatter;
}

let canonicalZones: Set<string> | null = null;

/**
 * Whether `zone` is an IANA zone name this platform knows (America/Los_Angeles, or an alias such as
 * US/Pacific). Abbreviations like "PST" are refused although ICU takes some: they are ambiguous.
 */
export function isKnownTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return false;
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(zone) || zone === 'UTC') return true;
  if (!zone.includes('/')) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in `zone` at an instant. */
export function wallClockAt(instantMs: number, zone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 0,
    month: values.month ?? 0,
    day: values.day ?? 0,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (PST: -8 h). */
export function offsetAt(instantMs: number, zone: string): number {
  const wall = wallClockAt(instantMs, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time in `zone` names. A time skipped by a change to summer time (2:30 AM on
 * the spring-forward day) is read as the same length of time after the change, as clocks do; a time
 * that happens twice (1:30 AM on the fall-back day) is its first occurrence.
 */
export function instantOf(wall: Omit<WallClock, 'second'> & { second?: number }, zone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  // The offset is the one in force near that time; two looks settle it across a change.
  const before = offsetAt(asUtc - DAY / 2, zone);
  const after = offsetAt(asUtc + DAY / 2, zone);
  const early = asUtc - before;
  const late = asUtc - after;
  if (before === after) return early;
  const earlyFits = offsetAt(early, zone) === before;
  const lateFits = offsetAt(late, zone) === after;
  if (earlyFits && lateFits) return Math.min(early, late);
  if (earlyFits) return early;
  if (lateFits) return late;
  // In the gap: the offset before the change, carried past it.
  return early;
}

/** A typed date (YYYY-MM-DD) and optional time (HH:MM) in `zone`, as an instant; null when not a date. */
export function parseZonedInput(date: string, time: string, zone: string): number | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const clock = time.trim() === '' ? ['', '0', '0'] : /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!day || !clock) return null;
  const [year, month, dayOfMonth, hour, minute] = [day[1], day[2], day[3], clock[1], clock[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31 || hour > 23 || minute > 59) return null;
  const check = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (check.getUTCDate() !== dayOfMonth) return null;
  return instantOf({ year, month, day: dayOfMonth, hour, minute }, zone);
}

/** Midnight to midnight of a local date in `zone` (23 or 25 hours on the days clocks change). */
export function localDayRange(date: string, zone: string): { from: number; to: number } | null {
  const from = parseZonedInput(date, '', zone);
  if (from === null) return null;
  const wall = wallClockAt(from + DAY + DAY / 2, zone);
  const to = instantOf({ year: wall.year, month: wall.month, day: wall.day, hour: 0, minute: 0 }, zone);
  // The day after from, at its midnight: never earlier than from plus 22 hours.
  return { from, to: to - from < 22 * 60 * MINUTE ? to + DAY : to };
}

const pad = (value: number, size = 2) => String(Math.abs(value)).padStart(size, '0');

/** ISO 8601 with the zone's offset at that instant, to the second: 2026-12-02T12:00:00-08:00. */
export function isoInZone(instantMs: number, zone: string): string {
  const wall = wallClockAt(instantMs, zone);
  const offsetMinutes = Math.round(offsetAt(instantMs, zone) / MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${offset}`;
}

const windowFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A window as the store reads it, labelled with the zone's abbreviation: "Wed, Dec 2, 12:00 – 2:00 PM PST".
 * A window across a change of clocks names both zones ("12:00 AM PDT – 3:00 AM PST"), so its length reads true.
 */
export function formatZonedWindow(
  startMs: number,
  endMs: number,
  zone: string,
  /** null: the runtime's own locale (the page's); labels and exports pass a fixed one. */
  locale: string | null = 'en-US',
): string {
  const key = `${locale ?? ''}|${zone}`;
  let format = windowFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale ?? undefined, {
      timeZone: zone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    windowFormats.set(key, format);
  }
  // ICU writes thin and narrow no-break spaces; labels and CSV cells want plain ones.
  const plain = (text: string) => text.replace(/[\u2009\u202f]/g, ' ');
  const zoneName = (ms: number) => format.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value;
  if (startMs <= endMs && zoneName(startMs) === zoneName(endMs)) return plain(format.formatRange(startMs, endMs));
  return plain(`${format.format(startMs)} – ${format.format(endMs)}`);
}

/** An instant as ISO 8601 in UTC, as the core's filters take it. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}
