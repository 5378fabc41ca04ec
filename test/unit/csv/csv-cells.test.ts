import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLines, guardCell, unguardCell } from '../../../electron/core/csv/csv-cells';

/** A value, and the exact cell (as written in the file) the export must make of it. */
const CELLS: [string, string][] = [
  ['=1+1', `"'=1+1"`],
  ['@SUM(A1)', `"'@SUM(A1)"`],
  ['+cmd|x', `"'+cmd|x"`],
  ['-2+3', `"'-2+3"`],
  ['\t=1', `"'\t'=1"`],
  ['\r=1', `"'\r'=1"`],
  ['\tplain', `"'\tplain"`],
  [' =1', `"' =1"`],
  ['  \u00a0@x', `"'  \u00a0@x"`],
  ['x;=2+5;y', `"'x;'=2+5;y"`],
  ['x; =2+5', `"'x; '=2+5"`],
  ['a,=1', `"'a,'=1"`],
  ['a|+1', `"'a|'+1"`],
  ['a\t-1', `"'a\t'-1"`],
  ['a\n=1', `"'a\n'=1"`],
  ['a\r\n@1', `"'a\r\n'@1"`],
  ['a;b;=c;d', `"'a;b;'=c;d"`],
  ["'quoted", `"''quoted"`],
  ["x;'=1", `"'x;''=1"`],
  ['+18005550101', `"'+18005550101"`],
  ['-12.5', `"'-12.5"`],
  ['ORD-1', 'ORD-1'],
  ['a=b', 'a=b'],
  ['x; y', 'x; y'],
  ['x;"=1', `"'x;""'=1"`],
  ['"=1', `"'""=1"`],
  ['Ann, "Annie"', '"Ann, ""Annie"""'],
  ['María', 'María'],
  ['1234 Maple St', '1234 Maple St'],
  ['', ''],
];

const line = (value: string | number) => csvLines([[value]]).replace(/\n$/, '');

describe('spreadsheet-safe CSV cells', () => {
  it.each(CELLS)('writes %j as %j', (value, cell) => {
    expect(line(value)).toBe(cell);
    expect((parse(`${cell}\n`, { relax_quotes: true }) as string[][])[0]?.[0] ?? '').toBe(guardCell(value));
  });

  it('leaves the numbers the console writes as numbers', () => {
    expect(csvLines([[-2.5, 0, 12, null, undefined, '-2.5']])).toBe(`-2.5,0,12,,,"'-2.5"\n`);
  });

  it('restores every value exactly', () => {
    const tricky = fc.string({
      unit: fc.constantFrom('=', '+', '-', '@', "'", ',', ';', '|', '\t', '\r', '\n', ' ', 'a'),
    });
    fc.assert(fc.property(fc.string(), (value) => unguardCell(guardCell(value)) === value));
    fc.assert(
      fc.property(tricky, (value) => unguardCell(guardCell(value)) === value),
      { numRuns: 5000 },
    );
  });

  it('leaves no piece that starts a formula, however a spreadsheet splits the line', () => {
    const tricky = fc.string({
      unit: fc.constantFrom('=', '+', '-', '@', "'", ',', ';', '|', '\t', '\r', '\n', ' ', '"', 'a'),
    });
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 4 }), (values) => {
        const text = csvLines([[...values, -3]]);
        for (const separator of [',', ';', '\t', '|', '\n', '\r']) {
          for (const piece of text.split(separator)) {
            const start = piece.replace(/^[\s"]*/, '');
            if (/^[=+\-@]/.test(start) && start.trimEnd() !== '-3') return false;
          }
        }
        return true;
      }),
      { numRuns: 5000 },
    );
  });
});
