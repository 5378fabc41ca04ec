import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardCell, unguardCell } from '../../../electron/core/cache/csv-cells';

describe('spreadsheet-safe CSV cells', () => {
  it('defuses values a spreadsheet would run as a formula', () => {
    for (const value of ['=1+1', '@SUM(A1)', '+cmd|x', '-2+3', '\t=1', '\r=1']) {
      expect(guardCell(value), value).toBe(`'${value}`);
    }
  });

  it('leaves plain values, numbers and E.164 phones alone', () => {
    for (const value of ['ORD-1', '+18005550101', '-12.5', '', 'María', '1234 Maple St']) {
      expect(guardCell(value)).toBe(value);
    }
  });

  it('restores every value exactly', () => {
    fc.assert(fc.property(fc.string(), (value) => unguardCell(guardCell(value)) === value));
  });
});
