import { describe, expect, it } from 'vitest';
import type { ScanEvent } from '../../renderer/lib/scan-detector';
import { cleanCode, DEFAULT_SCAN, ScanDetector } from '../../renderer/lib/scan-detector';
import { applyScan, verdictText } from '../../renderer/lib/scan-list';

/** Types `text` then `end`, `gapMs` apart from `start`; returns what the detector made of it and the end time. */
function type(detector: ScanDetector, text: string, start: number, gapMs: number, end = 'Enter') {
  let at = start;
  const events: ScanEvent[] = [];
  for (const key of [...text, end]) {
    const event = detector.key(key, at);
    if (event) events.push(event);
    at += gapMs;
  }
  return { events, at };
}

describe('the scanner detector', () => {
  it('takes a burst of keystrokes 5 ms apart ending in Enter or Tab as a scan', () => {
    const detector = new ScanDetector();
    expect(type(detector, 'LM-10023', 0, 5).events).toEqual([{ kind: 'scan', code: 'LM-10023' }]);
    expect(type(detector, 'LM-10024', 2000, 5, 'Tab').events).toEqual([{ kind: 'scan', code: 'LM-10024' }]);
  });

  it('ignores a person typing the same, 120 ms apart', () => {
    const detector = new ScanDetector();
    expect(type(detector, 'LM-10023', 0, 120).events).toEqual([]);
  });

  it('starts over after a pause: what a person typed before a scan is not part of it', () => {
    const detector = new ScanDetector();
    const typed = type(detector, 'ab', 0, 150, 'Shift');
    expect(type(detector, 'LM-7', typed.at + 200, 4).events).toEqual([{ kind: 'scan', code: 'LM-7' }]);
  });

  it('lets Shift and other named keys pass inside a burst', () => {
    const detector = new ScanDetector();
    let at = 0;
    for (const key of ['Shift', 'L', 'Shift', 'M', '-', '1']) detector.key(key, (at += 3));
    expect(detector.key('Enter', at + 3)).toEqual({ kind: 'scan', code: 'LM-1' });
  });

  it('needs a few characters: two fast keys and Enter is not a scan', () => {
    const detector = new ScanDetector();
    expect(type(detector, 'ab', 0, 5).events).toEqual([]);
  });

  it('waits for the terminator: a burst that stops without Enter or Tab scans nothing', () => {
    const detector = new ScanDetector();
    type(detector, 'LM-5', 0, 5, 'Shift');
    expect(detector.inBurst(16)).toBe(true);
    expect(detector.key('Enter', 500)).toBeNull();
    expect(detector.inBurst(500)).toBe(false);
  });

  it('calls the same code within a second a repeat, and after a second a new scan', () => {
    const detector = new ScanDetector();
    expect(type(detector, 'LM-1', 0, 5).events[0]?.kind).toBe('scan');
    expect(type(detector, 'LM-1', 400, 5).events).toEqual([{ kind: 'repeat', code: 'LM-1' }]);
    expect(type(detector, 'LM-2', 600, 5).events[0]?.kind).toBe('scan');
    expect(type(detector, 'LM-1', 2000, 5).events).toEqual([{ kind: 'scan', code: 'LM-1' }]);
  });

  it('strips control characters and the configured prefix and suffix', () => {
    const detector = new ScanDetector({ ...DEFAULT_SCAN, prefix: ']C1', suffix: '#' });
    expect(type(detector, ']C1LM-42\u001d#', 0, 2).events).toEqual([{ kind: 'scan', code: 'LM-42' }]);
    expect(cleanCode('\u0002LM-9\r', { prefix: '', suffix: '' })).toBe('LM-9');
    expect(cleanCode('XLM-9', { prefix: 'Z', suffix: '' })).toBe('XLM-9');
  });
});

describe('the scanned staging list', () => {
  const lookup = (code: string, over: Partial<Parameters<typeof applyScan>[1]> = {}) => ({
    code,
    orderId: code,
    status: 'brand_new',
    bagsExpected: 2,
    problem: null,
    ...over,
  });

  it('adds an order, counts its next bag, and refuses a bag more than it expects', () => {
    let { list, verdict } = applyScan([], lookup('A'));
    expect(verdict).toEqual({ kind: 'added', orderId: 'A' });
    ({ list, verdict } = applyScan(list, lookup('A')));
    expect(verdict).toEqual({ kind: 'bag', orderId: 'A', bags: 2, bagsExpected: 2 });
    ({ list, verdict } = applyScan(list, lookup('A')));
    expect(verdict).toEqual({ kind: 'too-many-bags', orderId: 'A', bagsExpected: 2 });
    expect(list).toEqual([{ orderId: 'A', bags: 2, bagsExpected: 2 }]);
    expect(verdictText(verdict)).toMatch(/A expects 2 bags/);
  });

  it('flags an unknown code and an order the cache knows is staged, adding neither', () => {
    const unknown = applyScan([], lookup('ZZ', { orderId: null, status: null, bagsExpected: null }));
    expect(unknown).toEqual({ list: [], verdict: { kind: 'unknown', code: 'ZZ' } });
    const staged = applyScan([], lookup('S', { status: 'staged', problem: 'Already staged, by the cache.' }));
    expect(staged.list).toEqual([]);
    expect(verdictText(staged.verdict)).toBe('S not added. Already staged, by the cache.');
  });

  it('takes any number of bags when the order does not say how many it expects', () => {
    let list = applyScan([], lookup('B', { bagsExpected: null })).list;
    for (let i = 0; i < 4; i++) list = applyScan(list, lookup('B', { bagsExpected: null })).list;
    expect(list).toEqual([{ orderId: 'B', bags: 5, bagsExpected: null }]);
  });
});
