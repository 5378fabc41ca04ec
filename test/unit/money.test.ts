import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIP_CAP_CENTS, centsToDollars, checkTipCents, formatCents, parseDollars } from '../../shared/money';

const cents = (text: string) => {
  const result = parseDollars(text);
  return result.ok ? result.value : result.error.message;
};

describe('parseDollars', () => {
  it('reads dollars and cents exactly, without floating point', () => {
    expect(cents('0.29')).toBe(29);
    expect(cents('1.00')).toBe(100);
    expect(cents('12')).toBe(1200);
    expect(cents('12.5')).toBe(1250);
    expect(cents('12.')).toBe(1200);
    expect(cents('.07')).toBe(7);
    expect(cents(' $1,234.56 ')).toBe(123456);
    expect(cents('500.00')).toBe(TIP_CAP_CENTS);
    expect(cents('4.35')).toBe(435);
  });

  it('refuses what is not an amount, saying why', () => {
    expect(cents('')).toBe('Enter an amount.');
    expect(cents('-1')).toBe('The amount cannot be negative.');
    expect(cents('1.234')).toBe('An amount has at most two decimals (cents).');
    expect(cents('12,34')).toContain('is not an amount');
    expect(cents('abc')).toContain('is not an amount');
    expect(cents('.')).toContain('is not an amount');
    expect(cents('1e3')).toContain('is not an amount');
    expect(cents('1234567890')).toBe('The amount is too large.');
  });

  it('round-trips every cent amount through its dollar string', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (value) => {
        expect(parseDollars(centsToDollars(value))).toEqual({ ok: true, value });
        expect(parseDollars(formatCents(value))).toEqual({ ok: true, value });
      }),
    );
  });
});

describe('formatting cents', () => {
  it('writes two decimals and groups thousands', () => {
    expect(centsToDollars(5)).toBe('0.05');
    expect(centsToDollars(-1250)).toBe('-12.50');
    expect(formatCents(123456789)).toBe('$1,234,567.89');
    expect(formatCents(0)).toBe('$0.00');
    expect(() => centsToDollars(1.5)).toThrow(RangeError);
  });
});

describe('checkTipCents', () => {
  it('allows up to the $500 cap and explains the refusal above it', () => {
    expect(checkTipCents(TIP_CAP_CENTS)).toEqual({ ok: true, value: TIP_CAP_CENTS });
    const over = checkTipCents(TIP_CAP_CENTS + 1);
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.error.key).toBe('initial_tip_cents');
      expect(over.error.message).toContain('$500.00');
    }
  });
});
