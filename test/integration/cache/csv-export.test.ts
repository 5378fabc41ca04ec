import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unguardCell } from '../../../electron/core/csv/csv-cells';
import { ORDER_CSV_COLUMNS, ordersToCsv } from '../../../electron/core/csv/csv-export';
import { parseOrderIdCsv } from '../../../electron/core/csv/csv-import';

/** The file's rows and its listed errors (the list a channel answers). */
async function read(text: string) {
  const { rows, errors } = await parseOrderIdCsv(text);
  return { rows, errors: errors.list() };
}
import { toSummary } from '../../../electron/core/store/order-row';
import type { OrderSummary } from '../../../shared/contract';
import { searchFilters, searchQuery } from '../../../shared/contract';
import { apiOrder, createRequest, openTestCache, T0 } from './cache-fixture';

function readBack(csv: string): OrderSummary[] {
  const [header, ...rows] = parse(csv) as string[][];
  expect(header).toEqual(ORDER_CSV_COLUMNS.map(([name]) => name));
  return rows.map((cells) => {
    const entries = ORDER_CSV_COLUMNS.map(([, key], i) => {
      const value = unguardCell(cells[i]!);
      return [key, value === '' && key !== 'orderId' && key !== 'status' ? null : value];
    });
    return Object.fromEntries(entries) as OrderSummary;
  });
}

describe('exporting search results to CSV', () => {
  let cache: ReturnType<typeof openTestCache>;
  const exported = (filters: object) => {
    const parsed = searchFilters.parse(filters);
    return ordersToCsv([...cache.search.eachMatch('sandbox', parsed)].map(toSummary));
  };

  beforeAll(() => {
    cache = openTestCache();
    const awkward = [
      { first_name: 'Ann, "Annie"', last_name: "O'Neil", bag_label: '=HYPERLINK("http://x")' },
      { first_name: 'Line\nBreak', last_name: 'Zoë', bag_label: '@SUM(1)', special_instructions: 'x' },
      { first_name: '+cmd|calc', last_name: '-2+3', bag_label: "'quoted" },
    ];
    for (let i = 0; i < 150; i += 1) {
      cache.orders.recordApiOrder('sandbox', apiOrder(`ORD-${i}`, {}, new Date(T0 + i * 60_000).toISOString()), {
        source: 'create',
        known: createRequest(awkward[i % 3]),
        ...(i % 2 ? { userId: `user-${i}` } : {}),
      });
    }
    cache.orders.recordApiOrder('sandbox', { id: 'ORD-no-window', status: 'created' }, { source: 'get' });
  });
  afterAll(() => cache.remove());

  it('writes every match of the filters, not only the window on screen', async () => {
    expect(cache.search.search('sandbox', searchQuery.parse({ text: 'zoe', limit: 10 })).rows).toHaveLength(10);
    const { csv, rowCount } = exported({ text: 'zoe' });
    expect(rowCount).toBe(50);
    expect(readBack(csv)).toHaveLength(50);
    expect(exported({ text: '' }).rowCount).toBe(151);
    expect(exported({ text: 'ORD-no-window' }).rowCount).toBe(1);
  });

  it('writes at most its row cap and counts the matches it left out', async () => {
    const all = [...cache.search.eachMatch('sandbox', searchFilters.parse({ text: '' }))].map(toSummary);
    const capped = ordersToCsv(all, 100);
    expect(capped).toMatchObject({ rowCount: 100, omitted: 51 });
    expect(readBack(capped.csv)).toHaveLength(100);
    expect(exported({ text: '' }).omitted).toBe(0);
  });

  it('reads back exactly what was exported, commas, quotes, line breaks, accents and nulls included', async () => {
    const { csv } = exported({ text: '' });
    const expected = [...cache.search.eachMatch('sandbox', searchFilters.parse({ text: '' }))].map(toSummary);
    expect(readBack(csv)).toEqual(expected);
    expect(expected.at(-1)).toMatchObject({ orderId: 'ORD-no-window', firstName: null, windowStartsAt: null });
  });

  it('keeps spreadsheets from running a value as a formula', async () => {
    const { csv } = exported({ text: '' });
    const cells = (parse(csv) as string[][]).flat();
    expect(cells).toContain(`'=HYPERLINK("http://x")`);
    expect(cells).toContain(`'@SUM(1)`);
    expect(cells).toContain(`'+cmd|calc`);
    expect(cells.filter((cell) => /^[\s"]*[=+\-@]|^[\t\r]/.test(cell))).toEqual([]);
    // A phone is text the shop typed: a spreadsheet shows it as written, not as the number 18005550101.
    expect(cells).toContain(`'+18005550101`);
  });

  it('can be imported again as a list of order ids', async () => {
    const { csv, rowCount } = exported({ text: 'zoe' });
    const { rows, errors } = await read(csv);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(rowCount);
    expect(rows[1]).toMatchObject({ orderId: 'ORD-4' });
  });
});
