import { describe, expect, it } from 'vitest';
import { lineReader, splitName } from '../../../electron/core/shop-import/field-values';

const headers = ['Order #', 'Name', 'Phone', 'Zip', 'Start', 'Items', 'Weight', 'Tip'];
const mapping = { orderId: 0, fullName: 1, phone: 2, postalCode: 3, windowStart: 4, itemsCount: 5, weight: 6, tip: 7 };
const readLine = lineReader(mapping, headers);
const read = (cells: string[]) => readLine(cells, 7);

describe('values of a shop export line', () => {
  it('reads a good line into the cache columns', () => {
    expect(
      read(['A-1', 'Marcus Okafor', '(415) 555-0123', '94110', '2026-03-14T09:00:00-07:00', '12', '8.5', '$5.00']),
    ).toEqual({
      values: {
        order_id: 'A-1',
        first_name: 'Marcus',
        last_name: 'Okafor',
        phone: '+14155550123',
        postal_code: '94110',
        window_starts_at: '2026-03-14T09:00:00-07:00',
        items_count: 12,
        items_weight: 8.5,
        tip_cents: 500,
      },
      problems: [],
      timeAsUtc: false,
    });
  });

  it('reads a time without an offset as UTC and says so', () => {
    const line = read(['A-1', '', '', '', '2026-03-14 09:00', '', '', '']);
    expect(line.values?.window_starts_at).toBe('2026-03-14T09:00:00.000Z');
    expect(line.timeAsUtc).toBe(true);
  });

  it('refuses a line with bad values, naming the line, the column and what to do for each', () => {
    const line = read(['A-1', 'X', '415-555-0123 x12', '2134', 'tomorrow', '3.5', '8 lb', 'five']);
    expect(line.values).toBeNull();
    expect(line.problems.map((p) => [p.line, p.column])).toEqual([
      [7, 'Phone'],
      [7, 'Zip'],
      [7, 'Start'],
      [7, 'Items'],
      [7, 'Weight'],
      [7, 'Tip'],
    ]);
    expect(line.problems[1]!.hint).toMatch(/as text/);
    expect(line.problems.every((p) => p.hint.length > 0)).toBe(true);
  });

  it('refuses a line without an order id, and leaves empty cells out', () => {
    expect(read(['', 'Ann', '', '', '', '', '', ''])).toMatchObject({
      values: null,
      problems: [{ line: 7, column: 'Order #', message: 'The order id is empty.' }],
    });
    expect(read(['A-2', '', '', '', '', '', '', '']).values).toEqual({ order_id: 'A-2' });
  });

  it('accepts ZIP+4 and Canadian postal codes', () => {
    expect(read(['A-1', '', '', '94110-1234', '', '', '', '']).values?.postal_code).toBe('94110-1234');
    expect(read(['A-1', '', '', 'm5v2t6', '', '', '', '']).values?.postal_code).toBe('M5V 2T6');
  });

  it('splits a full name, "Last, First" included', () => {
    expect(splitName('Mary Ann Lee')).toEqual({ first: 'Mary Ann', last: 'Lee' });
    expect(splitName('Lee, Mary')).toEqual({ first: 'Mary', last: 'Lee' });
    expect(splitName('Cher')).toEqual({ first: 'Cher' });
  });
});
