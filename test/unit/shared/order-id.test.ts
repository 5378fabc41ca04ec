import { describe, expect, it } from 'vitest';
import { orderId, orderIdOrBlank } from '../../../shared/contract';
import { newOrderId } from '../../../shared/order-id';
import { checkOrderId } from '../../../shared/stage-values';

const message = (value: unknown) => {
  const parsed = orderId.safeParse(value);
  return parsed.success ? null : parsed.error.issues.map((i) => i.message).join(' | ');
};

describe('the order id rule', () => {
  it.each([
    ['.', /only dots/],
    ['..', /only dots/],
    [' .. ', /only dots/],
    ['a/b', /"\/"/],
    ['/', /"\/"/],
    ['a\\b', /"\\"/],
    ['a?b', /"\?"/],
    ['a#b', /"#"/],
    ['%2e', /"%2e"/],
    ['%2E%2e', /"%2E"/],
    ['x%2fy', /"%2f"/],
    ['a\u0000b', /control character/],
    ['a\tb', /control character/],
    ['a\u007fb', /control character/],
    ['a\u0085b', /control character/],
    ['', /Enter an order id/],
    ['   ', /Enter an order id/],
    ['x'.repeat(129), /at most 128 characters/],
  ])('refuses %j, saying what is wrong', (id, expected) => {
    expect(message(id)).toMatch(expected);
  });

  it.each(['R-1', 'A 1', 'ö-1', 'a+b', '50%OFF', '1.2', 'x'.repeat(128)])('accepts %j', (id) => {
    expect(message(id)).toBeNull();
  });

  it('trims leading and trailing whitespace as before', () => {
    expect(orderId.parse('  R-1 \t')).toBe('R-1');
  });

  it('lets a create leave the id blank, but not break it', () => {
    expect(orderIdOrBlank.safeParse('').success).toBe(true);
    expect(orderIdOrBlank.safeParse('..').success).toBe(false);
  });

  it('is the rule a staging sheet applies', () => {
    expect(checkOrderId('..', 'first column')).toMatch(/only dots/);
    expect(checkOrderId('a/b', 'first column')).toMatch(/"\/"/);
    expect(checkOrderId('R-1', 'first column')).toBeNull();
  });
});

describe('generated order ids', () => {
  it('are prefixed, unambiguous when read aloud, distinct, and pass the rule', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newOrderId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(/^LMC-[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(message(id)).toBeNull();
    }
  });

  it('draw every character from the random bytes given', () => {
    expect(newOrderId((n) => new Uint8Array(n).fill(31))).toBe('LMC-ZZZZZZZZZZZZ');
    expect(newOrderId((n) => new Uint8Array(n).fill(32))).toBe('LMC-000000000000');
  });
});
