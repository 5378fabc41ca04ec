import { describe, expect, it } from 'vitest';
import {
  instantOf,
  formatZonedWindow,
  isKnownTimeZone,
  isoInZone,
  localDayRange,
  offsetAt,
  parseZonedInput,
} from '../../shared/zoned-time';

const LA = 'America/Los_Angeles';
const NY = 'America/New_York';
const HOUR = 3_600_000;

describe('zoned time', () => {
  it('knows IANA zones and refuses other text', () => {
    expect(isKnownTimeZone(LA)).toBe(true);
    expect(isKnownTimeZone('Europe/Paris')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(isKnownTimeZone('PST; DROP')).toBe(false);
  });

  it('reads a store time as the instant it names, in winter and summer', () => {
    expect(new Date(parseZonedInput('2026-12-02', '12:00', LA)!).toISOString()).toBe('2026-12-02T20:00:00.000Z');
    expect(new Date(parseZonedInput('2026-12-02', '12:00', NY)!).toISOString()).toBe('2026-12-02T17:00:00.000Z');
    expect(new Date(parseZonedInput('2026-07-01', '12:00', LA)!).toISOString()).toBe('2026-07-01T19:00:00.000Z');
    expect(parseZonedInput('2026-02-30', '', LA)).toBeNull();
    expect(parseZonedInput('2026-12-02', '25:00', LA)).toBeNull();
  });

  it('writes ISO 8601 with the offset in force', () => {
    expect(isoInZone(Date.parse('2026-12-02T20:00:00Z'), LA)).toBe('2026-12-02T12:00:00-08:00');
    expect(isoInZone(Date.parse('2026-07-01T19:00:00Z'), LA)).toBe('2026-07-01T12:00:00-07:00');
    expect(isoInZone(Date.parse('2026-12-02T20:00:00Z'), 'Asia/Kolkata')).toBe('2026-12-03T01:30:00+05:30');
  });

  it('has a 25-hour day when clocks fall back (2026-11-01) and a 23-hour one when they spring forward (2027-03-14)', () => {
    const long = localDayRange('2026-11-01', LA)!;
    expect((long.to - long.from) / HOUR).toBe(25);
    expect(new Date(long.from).toISOString()).toBe('2026-11-01T07:00:00.000Z');
    const short = localDayRange('2027-03-14', NY)!;
    expect((short.to - short.from) / HOUR).toBe(23);
    expect(new Date(short.to).toISOString()).toBe('2027-03-15T04:00:00.000Z');
    const plain = localDayRange('2026-12-02', LA)!;
    expect((plain.to - plain.from) / HOUR).toBe(24);
  });

  it('takes the first 1:30 AM of the fall-back day and carries a skipped 2:30 AM past the change', () => {
    const twice = parseZonedInput('2026-11-01', '01:30', LA)!;
    expect(new Date(twice).toISOString()).toBe('2026-11-01T08:30:00.000Z');
    expect(offsetAt(twice, LA)).toBe(-7 * HOUR);
    const skipped = parseZonedInput('2027-03-14', '02:30', LA)!;
    expect(isoInZone(skipped, LA)).toBe('2027-03-14T03:30:00-07:00');
  });

  it('keeps a slot spanning the change its real length', () => {
    const start = instantOf({ year: 2026, month: 11, day: 1, hour: 0, minute: 0 }, LA);
    const end = instantOf({ year: 2026, month: 11, day: 1, hour: 3, minute: 0 }, LA);
    expect((end - start) / HOUR).toBe(4);
  });
});

describe('formatZonedWindow', () => {
  it('writes a window in the store zone with its abbreviation, whatever the machine zone', () => {
    const start = Date.parse('2026-12-02T20:00:00Z');
    expect(formatZonedWindow(start, start + 2 * HOUR, LA)).toBe('Wed, Dec 2, 12:00 – 2:00 PM PST');
    expect(formatZonedWindow(start, start + 2 * HOUR, NY)).toBe('Wed, Dec 2, 3:00 – 5:00 PM EST');
  });

  it('names both zones for a window across the change of clocks', () => {
    const start = Date.parse('2026-11-01T07:00:00Z');
    expect(formatZonedWindow(start, start + 4 * HOUR, LA)).toBe('Sun, Nov 1, 12:00 AM PDT – Sun, Nov 1, 3:00 AM PST');
  });
});
