import { describe, expect, it } from 'vitest';
import { allowedWindow, checkWindow } from '../../shared/window-rule';

const option = { start_at: '2026-07-01T14:00:00Z', end_at: '2026-07-01T16:00:00Z' };
const at = (hhmm: string) => `2026-07-01T${hhmm}:00Z`;
const codes = (start: string, end: string) =>
  checkWindow(option, { start_at: at(start), end_at: at(end) }).map((problem) => problem.code);

describe('the delivery window rule of create-order.txt', () => {
  it('accepts the valid examples of the page', () => {
    for (const [start, end] of [
      ['13:30', '14:30'],
      ['14:00', '15:00'],
      ['14:30', '15:30'],
      ['15:00', '16:00'],
      ['15:30', '16:30'],
    ] as const) {
      expect(codes(start, end), `${start}-${end}`).toEqual([]);
    }
  });

  it('refuses the invalid examples of the page, each for its reason', () => {
    expect(codes('12:00', '13:59')).toEqual(['none_inside', 'end_too_far']);
    expect(codes('13:00', '17:00')).toEqual(['none_inside']);
    expect(codes('11:00', '15:00')).toEqual(['start_too_far']);
    expect(codes('15:00', '19:00')).toEqual(['end_too_far']);
  });

  it('includes the bounds and refuses an end before the start', () => {
    expect(codes('12:00', '14:00')).toEqual([]);
    expect(codes('16:00', '18:00')).toEqual([]);
    expect(codes('15:00', '14:30')).toEqual(['end_before_start']);
  });

  it('compares instants, whatever offset each time is written in', () => {
    expect(checkWindow(option, { start_at: '2026-07-01T10:00:00-04:00', end_at: at('15:00') })).toEqual([]);
  });

  it('says which field is unreadable', () => {
    expect(checkWindow(option, { start_at: 'soon', end_at: at('15:00') })).toMatchObject([
      { code: 'unreadable', key: 'start_at' },
    ]);
    expect(allowedWindow({ start_at: 'x', end_at: 'y' })).toBeNull();
  });

  it('gives the ranges the rule allows', () => {
    expect(allowedWindow(option)).toEqual({
      optionStart: Date.parse(at('14:00')),
      optionEnd: Date.parse(at('16:00')),
      startFrom: Date.parse(at('12:00')),
      startTo: Date.parse(at('16:00')),
      endFrom: Date.parse(at('14:00')),
      endTo: Date.parse(at('18:00')),
    });
  });

  it('narrows the ranges to the option itself for a slot shorter than 2 hours', () => {
    expect(allowedWindow({ start_at: at('14:00'), end_at: at('15:00') })).toMatchObject({
      startFrom: Date.parse(at('12:00')),
      startTo: Date.parse(at('15:00')),
      endFrom: Date.parse(at('14:00')),
      endTo: Date.parse(at('17:00')),
    });
    // A start past a short slot's end is refused for having no end inside, not for its distance to the start.
    expect(
      checkWindow({ start_at: at('14:00'), end_at: at('15:00') }, { start_at: at('15:30'), end_at: at('16:00') }).map(
        (problem) => problem.code,
      ),
    ).toEqual(['none_inside']);
  });

  it('offers a start (or an end) exactly when some valid window has it, for slots of any length', () => {
    const step = 15 * 60 * 1000;
    const grid = (from: number, to: number) =>
      Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
    const iso = (ms: number) => new Date(ms).toISOString();
    for (const minutes of [15, 30, 60, 90, 120, 180, 300]) {
      const slot = { start_at: at('14:00'), end_at: iso(Date.parse(at('14:00')) + minutes * 60_000) };
      const allowed = allowedWindow(slot)!;
      const times = grid(Date.parse(at('10:00')), Date.parse(at('23:00')));
      const valid = (start: number, end: number) =>
        checkWindow(slot, { start_at: iso(start), end_at: iso(end) }).length === 0;
      for (const t of times) {
        const label = `${minutes} min slot, ${iso(t)}`;
        expect(t >= allowed.startFrom && t <= allowed.startTo, `start ${label}`).toBe(
          times.some((end) => valid(t, end)),
        );
        expect(t >= allowed.endFrom && t <= allowed.endTo, `end ${label}`).toBe(times.some((start) => valid(start, t)));
      }
    }
  });
});
