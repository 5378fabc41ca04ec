import { describe, expect, it } from 'vitest';
import { isE164, phoneDigits, suggestE164 } from '../../shared/phone';

describe('phone numbers', () => {
  it('accepts E.164 only', () => {
    expect(isE164('+18005550101')).toBe(true);
    expect(isE164('+442071838750')).toBe(true);
    expect(isE164('18005550101')).toBe(false);
    expect(isE164('+1 800 555 0101')).toBe(false);
    expect(isE164('+0800555')).toBe(false);
    expect(isE164('+1234567890123456')).toBe(false);
  });

  it('keeps only digits for comparing and searching', () => {
    expect(phoneDigits('+1 (800) 555-0101')).toBe('18005550101');
  });

  it('suggests the E.164 form of loosely typed numbers, or nothing when it cannot tell', () => {
    expect(suggestE164('(800) 555-0101')).toBe('+18005550101');
    expect(suggestE164('1 800 555 0101')).toBe('+18005550101');
    expect(suggestE164('+44 20 7183 8750')).toBe('+442071838750');
    expect(suggestE164('0044 20 7183 8750')).toBe('+442071838750');
    expect(suggestE164('555-0101')).toBeNull();
    expect(suggestE164('call me')).toBeNull();
  });
});
