import { describe, expect, it } from 'vitest';
import { displayPhone, isE164, phoneDigits, readPhone, suggestE164 } from '../../shared/phone';

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

describe('phone numbers from a shop export', () => {
  it('reads numbers typed any way into E.164 and shows them the way people read them', () => {
    for (const typed of ['(415) 555-0123', '415.555.0123', '+1 415 555 0123', '415-555-0123', '1-415-555-0123']) {
      expect(readPhone(typed)).toEqual({ ok: true, e164: '+14155550123' });
    }
    expect(displayPhone('+14155550123')).toBe('(415) 555-0123');
    expect(displayPhone('+442071838750')).toBe('+442071838750');
  });

  it('refuses an extension, letters and too few digits, each with a hint', () => {
    expect(readPhone('415-555-0123 x12')).toMatchObject({ ok: false, hint: expect.stringContaining('extension') });
    expect(readPhone('415-555-0123 ext. 4')).toMatchObject({ ok: false });
    expect(readPhone('call me')).toMatchObject({ ok: false, hint: expect.stringContaining('ten digits') });
    expect(readPhone('555-0123')).toMatchObject({ ok: false });
  });
});
