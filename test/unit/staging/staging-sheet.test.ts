import { describe, expect, it } from 'vitest';
import { parseStagingSheet } from '../../../electron/core/staging/staging-sheet';
import { withDefaults } from '../../../shared/stage-values';

describe('parseStagingSheet', () => {
  it('reads a sheet with a header, in any column order, with BOM, CRLF and quotes', async () => {
    const csv =
      '\uFEFFbag_label,order_id,items_weight,bags_count,items_count\r\n' +
      '"A01, front",LM0000001,12.5,2,14\r\n' +
      '"B ""big""",LM0000002,,3,\r\n';
    const { rows, errors } = await parseStagingSheet(csv);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { orderId: 'LM0000001', line: 2, bag_label: 'A01, front', items_weight: 12.5, bags_count: 2, items_count: 14 },
      { orderId: 'LM0000002', line: 3, bag_label: 'B "big"', bags_count: 3 },
    ]);
  });

  it('reads a sheet without a header in the documented column order, skipping blank lines', async () => {
    const { rows, errors } = await parseStagingSheet('LM1,2,10,8.5,A1\n\nLM2\nLM3,,,,C3\r');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { orderId: 'LM1', line: 1, bags_count: 2, items_count: 10, items_weight: 8.5, bag_label: 'A1' },
      { orderId: 'LM2', line: 3 },
      { orderId: 'LM3', line: 4, bag_label: 'C3' },
    ]);
  });

  it('reads a quoted value with spaces around it, as hand-edited sheets have them', async () => {
    const { rows, errors } = await parseStagingSheet('order_id,bag_label\nLM1 , "A01, front" \n');
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ orderId: 'LM1', line: 2, bag_label: 'A01, front' }]);
  });

  it('accepts ; separators with a decimal comma and a "lbs" unit', async () => {
    const { rows, errors } = await parseStagingSheet('order_id;weight;bags\nLM1;2,5 lbs;1\n');
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ orderId: 'LM1', line: 2, items_weight: 2.5, bags_count: 1 }]);
  });

  it('reports each bad line with its number and what to do, and keeps the good lines', async () => {
    const csv = [
      'order_id,bags_count,items_count,items_weight,bag_label',
      'LM1,2,10,5,A1',
      ',1,1,1,X', // empty id
      'LM2,two,10,5,B2', // not a number
      'LM3,-1,10,5,C3', // negative
      'LM4,1,10,heavy,D4', // bad weight
      'LM1,9,9,9,again', // duplicate
      `LM5,1,1,1,${'x'.repeat(65)}`, // label too long
      'LM6,1,1,1,F6,extra', // more values than the header names
      'LM7,20000,1,1,G7', // above the API's limit
      'LM8,1,1.5,1,H8', // items are whole
      'LM9,1,1,1,I9',
    ].join('\n');
    const { rows, errors } = await parseStagingSheet(csv);
    expect(rows.map((r) => [r.orderId, r.line])).toEqual([
      ['LM1', 2],
      ['LM9', 12],
    ]);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const at = (line: number) => errors.find((e) => e.line === line)?.message ?? '';
    expect(at(3)).toMatch(/order id is empty: fill in the order_id column/);
    expect(at(4)).toMatch(/bags_count "two" is not a whole number/);
    expect(at(5)).toMatch(/bags_count "-1" is not a whole number/);
    expect(at(6)).toMatch(/items_weight "heavy" is not a weight in pounds/);
    expect(at(7)).toMatch(/Order LM1 is already on line 2: it is staged once/);
    expect(errors.find((e) => e.line === 7)?.orderId).toBe('LM1');
    expect(at(8)).toMatch(/bag_label: A bag label is at most 64 characters/);
    expect(at(9)).toMatch(/header names 5 columns/);
    expect(at(10)).toMatch(/bags_count: The bags count is at most 10,000\./);
    expect(at(11)).toMatch(/items_count "1.5" is not a whole number/);
  });

  it('reports an unknown or repeated header column once, and still reads the known ones', async () => {
    const { rows, errors } = await parseStagingSheet('order_id,bag_lable,bags,bags_count\nLM1,A,2,3\n');
    expect(rows).toEqual([{ orderId: 'LM1', line: 2, bags_count: 2 }]);
    expect(errors).toHaveLength(2);
    expect(errors[0]?.message).toMatch(/Column "bag_lable" is not one the console knows/);
    expect(errors[1]?.message).toMatch(/Column "bags_count" repeats the bags_count column/);
  });

  it('reports a line with too many values when there is no header', async () => {
    const { rows, errors } = await parseStagingSheet('LM1,1,1,1,A,B\nLM2');
    expect(rows.map((r) => r.orderId)).toEqual(['LM2']);
    expect(errors[0]).toMatchObject({ line: 1 });
    expect(errors[0]?.message).toMatch(/at most 5 .*Add a header line/);
  });

  it('reports an unclosed quote on its line and keeps the other lines', async () => {
    const { rows, errors } = await parseStagingSheet('order_id,bag_label\nLM1,A\nLM2,"B\nLM3,C\n');
    expect(rows.map((r) => r.orderId)).toEqual(['LM1', 'LM3']);
    expect(errors).toEqual([{ line: 3, message: expect.stringMatching(/quoted value is not closed/) as string }]);
  });

  it('says what to do with an empty file', async () => {
    expect((await parseStagingSheet('\uFEFF\r\n\r\n')).errors[0]?.message).toMatch(/holds no orders/);
    expect((await parseStagingSheet('order_id\n')).errors[0]?.message).toMatch(/holds no orders/);
  });

  it('leaves out the orders past the most one job stages, saying so on the first line left out', async () => {
    const csv = Array.from({ length: 5002 }, (_, i) => `LM${i}`).join('\n');
    const { rows, errors } = await parseStagingSheet(csv);
    expect(rows).toHaveLength(5000);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 5001, orderId: 'LM5000' });
    expect(errors[0]?.message).toMatch(/at most 5000 orders/);
  });
});

describe('withDefaults', () => {
  it('fills only the values a row leaves empty', async () => {
    expect(withDefaults({ orderId: 'a', bags_count: 4 }, { bags_count: 1, items_count: 9, bag_label: 'X' })).toEqual({
      orderId: 'a',
      bags_count: 4,
      items_count: 9,
      bag_label: 'X',
    });
  });
});
