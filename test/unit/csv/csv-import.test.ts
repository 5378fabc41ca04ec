import { describe, expect, it } from 'vitest';
import { parseOrderIdCsv } from '../../../electron/core/csv/csv-import';
import { MAX_IMPORT_ORDERS, MAX_LINE_ERRORS } from '../../../shared/limits';

/** The file's rows and its listed errors (the list a channel answers). */
async function read(text: string) {
  const { rows, errors } = await parseOrderIdCsv(text);
  return { rows, errors: errors.list() };
}

describe('reading a CSV of order ids', () => {
  it('reads one id per line, with an optional user id, without a header', async () => {
    expect(await read('ORD-1\nORD-2,user-2\n')).toEqual({
      rows: [
        { line: 1, orderId: 'ORD-1' },
        { line: 2, orderId: 'ORD-2', userId: 'user-2' },
      ],
      errors: [],
    });
  });

  it('tolerates a BOM, CRLF and CR line ends, blank lines, spaces and quoted fields', async () => {
    const text = '\uFEFForder_id,user_id\r\n\r\n "ORD-1" , u1\r\n"ORD,2","u ""2"""\r\n   \rORD-3\r\n';
    expect(await read(text)).toEqual({
      rows: [
        { line: 3, orderId: 'ORD-1', userId: 'u1' },
        { line: 4, orderId: 'ORD,2', userId: 'u "2"' },
        { line: 6, orderId: 'ORD-3' },
      ],
      errors: [],
    });
  });

  it('finds the columns by their header, in any order, among others', async () => {
    const text = 'Store;Customer ID;Order Number;Notes\nstore-1;u9;ORD-9;call first\nstore-1;;ORD-10;\n';
    expect((await read(text)).rows).toEqual([
      { line: 2, orderId: 'ORD-9', userId: 'u9' },
      { line: 3, orderId: 'ORD-10' },
    ]);
  });

  it('reports each bad line with its number, what is wrong and what to do, and keeps every good line', async () => {
    const text = [
      'order_id,user_id',
      'ORD-1,u1',
      ',u2',
      'ORD-3,u3',
      'ORD-1,u4',
      `${'X'.repeat(129)},u5`,
      'ORD-6,u6',
    ].join('\n');
    const { rows, errors } = await read(text);
    expect(rows.map((r) => r.orderId)).toEqual(['ORD-1', 'ORD-3', 'ORD-6']);
    expect(errors).toEqual([
      { line: 3, message: expect.stringMatching(/order id is empty.*fill in the order_id column/) },
      { line: 5, orderId: 'ORD-1', message: expect.stringMatching(/already on line 2.*remove this line/) },
      { line: 6, orderId: 'X'.repeat(129), message: expect.stringMatching(/longer than 128 characters/) },
    ]);
  });

  it('keeps the good lines around a broken quote, reporting only the broken ones', async () => {
    const text = 'ORD-1\n"ORD-2\nORD-3\nOR"D-4\n"ORD-5"x\nORD-6\n';
    const { rows, errors } = await read(text);
    expect(rows.map((r) => [r.line, r.orderId])).toEqual([
      [1, 'ORD-1'],
      [3, 'ORD-3'],
      [6, 'ORD-6'],
    ]);
    expect(errors.map((e) => e.line)).toEqual([2, 4, 5]);
    expect(errors[0]!.message).toMatch(/not closed/);
    for (const error of errors) expect(error.message).toMatch(/:/);
  });

  it('refuses an id broken over two lines, numbering the lines after it right', async () => {
    const { rows, errors } = await read('ORD-1\n"ORD\n2",u2\nORD-3\n');
    expect(rows).toEqual([
      { line: 1, orderId: 'ORD-1' },
      { line: 4, orderId: 'ORD-3' },
    ]);
    expect(errors).toEqual([{ line: 2, orderId: 'ORD\n2', message: expect.stringMatching(/line break/) }]);
  });

  it('asks for a header when a line without one has more than two values', async () => {
    const { rows, errors } = await read('ORD-1,u1,extra\nORD-2\n');
    expect(rows).toEqual([{ line: 2, orderId: 'ORD-2' }]);
    expect(errors).toEqual([{ line: 1, orderId: 'ORD-1', message: expect.stringMatching(/Add a header row/) }]);
  });

  it('says so when the file holds no order id at all', async () => {
    for (const text of ['', '\n\n', 'order_id,user_id\n']) {
      expect(await read(text)).toEqual({
        rows: [],
        errors: [{ line: 1, message: expect.stringMatching(/no order ids/) }],
      });
    }
  });

  it('reads back ids the export protected from spreadsheets', async () => {
    expect((await read("order_id\n'=ORD-1\n")).rows).toEqual([{ line: 2, orderId: '=ORD-1' }]);
  });
});

describe('reading a very large file of order ids', () => {
  it('reads at most MAX_IMPORT_ORDERS ids and lists at most MAX_LINE_ERRORS errors, counting the rest', async () => {
    const ids = Array.from({ length: MAX_IMPORT_ORDERS + 5 }, (_, i) => `ORD-${i}`);
    const repeats = Array.from({ length: MAX_LINE_ERRORS + 50 }, () => 'ORD-0');
    const { rows, errors } = await read(['ORD-0', ...repeats, ...ids.slice(1)].join('\n'));
    expect(rows).toHaveLength(MAX_IMPORT_ORDERS);
    expect(errors).toHaveLength(MAX_LINE_ERRORS + 1);
    expect(errors.at(-1)).toMatchObject({ line: MAX_LINE_ERRORS + 2, omitted: 51 });
    // 50 more repeats, then the first id past the cap, which stops the reading.
    expect(errors.at(-1)?.message).toMatch(
      /"Order … appears more than once" \(50\); "Too many order ids for one import" \(1\)/,
    );
  });
});
