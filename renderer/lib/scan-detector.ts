/**
 * Tells a handheld scanner from a person at the keyboard. A scanner in keyboard mode types a code as a
 * burst of keystrokes a few milliseconds apart and ends it with Enter or Tab; a person's keystrokes are
 * 80 ms or more apart. Pure: the time of each keystroke is given, so the rules are tested without a clock.
 */

export interface ScanOptions {
  /** The longest gap between two keystrokes of one scan (scanners: 1 to 20 ms; people: 80 ms and up). */
  maxGapMs: number;
  /** Fewer characters than this, even typed fast, is not a scan (a person's quick double key). */
  minLength: number;
  /** Characters the scanner is set to send before every code, removed. */
  prefix: string;
  /** ... and after it. */
  suffix: string;
  /** The same code again within this time is the trigger held or pressed twice: ignored. */
  repeatMs: number;
}

// 50 ms: well under a person's pace, with room for a busy machine delivering a scanner's keys late.
export const DEFAULT_SCAN: ScanOptions = { maxGapMs: 50, minLength: 3, prefix: '', suffix: '', repeatMs: 1000 };

export type ScanEvent = { kind: 'scan'; code: string } | { kind: 'repeat'; code: string };

// Control characters a scanner may send (GS1 group separators, a stray CR), never part of an order id.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** A code as scanned, without control characters and the configured prefix and suffix. */
export function cleanCode(raw: string, options: Pick<ScanOptions, 'prefix' | 'suffix'>): string {
  let code = raw.replace(CONTROL, '');
  const prefix = options.prefix.replace(CONTROL, '');
  const suffix = options.suffix.replace(CONTROL, '');
  if (prefix && code.startsWith(prefix)) code = code.slice(prefix.length);
  if (suffix && code.endsWith(suffix)) code = code.slice(0, code.length - suffix.length);
  return code.trim();
}

export class ScanDetector {
  private buffer = '';
  private lastKeyAt = Number.NEGATIVE_INFINITY;
  private last: { code: string; at: number } | null = null;

  constructor(private options: ScanOptions = DEFAULT_SCAN) {}

  configure(options: ScanOptions): void {
    this.options = options;
    this.buffer = '';
  }

  /** Whether keystrokes are arriving as a scanner sends them right now (the caller may hold them back). */
  inBurst(at: number): boolean {
    return this.buffer.length > 0 && at - this.lastKeyAt <= this.options.maxGapMs;
  }

  /**
   * One keystroke (`key` as KeyboardEvent.key names it) at time `at` in ms; returns the scan it ends, if
   * it ends one. Modifier and other named keys (Shift for capitals) neither add nor break a burst.
   */
  key(key: string, at: number): ScanEvent | null {
    const { maxGapMs, minLength, repeatMs } = this.options;
    if (key === 'Enter' || key === 'Tab') {
      const raw = at - this.lastKeyAt <= maxGapMs ? this.buffer : '';
      this.buffer = '';
      if (raw.length < minLength) return null;
      const code = cleanCode(raw, this.options);
      if (!code) return null;
      if (this.last && this.last.code === code && at - this.last.at < repeatMs) {
        this.last = { code, at };
        return { kind: 'repeat', code };
      }
      this.last = { code, at };
      return { kind: 'scan', code };
    }
    if ([...key].length !== 1) return null;
    // A slow keystroke is a person's, and starts over: what came before was typed, not scanned.
    this.buffer = at - this.lastKeyAt <= maxGapMs ? this.buffer + key : key;
    this.lastKeyAt = at;
    return null;
  }
}
