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

/** Stores 2002 are in New York, every other in Los Angeles: both offsets are always written. */
const zoneOf = (store: string | null) => (store === '2002' ? 'America/New_York' : 'America/Los_Angeles');
const KEYS: Record<string, keyof OrderSummary | null> = {
  order_id: 'orderId',
  user_id: 'userId',
  status: 'status',
  store_location: 'storeLocation',
  store_time_zone: null,
  window_starts_at: 'windowStartsAt',
  window_ends_at: 'windowEndsAt',
  first_name: 'firstName',
  last_name: 'lastName',
  phone: 'phone',
  address_line_1: 'addressLine1',
  postal_code: 'postalCode',
  bag_label: 'bagLabel',
  fetched_at: 'fetchedAt',
};
const instant = (iso: string | null) => (iso === null ? null : new Date(iso).toISOString());
const comparable = (order: OrderSummary): OrderSummary => ({
  ...order,
  windowStartsAt: instant(order.windowStartsAt),
  windowEndsAt: instant(order.windowEndsAt),
});

function readBack(csv: string): OrderSummary[] {
  const [header, ...rows] = parse(csv) as string[][];
  expect(header).toEqual(ORDER_CSV_COLUMNS.map(([name]) => name));
  expect(header).toEqual(Object.keys(KEYS));
  return rows.map((cells) => {
    const entries = header!.flatMap((name, i) => {
      const key = KEYS[name];
      if (!key) return [];
      const value = unguardCell(cells[i]!);
      return [[key, value === '' && key !== 'orderId' && key !== 'status' ? null : value]];
    });
    return comparable(Object.fromEntries(entries) as OrderSummary);
  });
}

describe('exporting search results to CSV', () => {
  let cache: ReturnType<typeof openTestCache>;
  const exported = (filters: object) => {
    const parsed = searchFilters.parse(filters);
    return ordersToCsv([...cache.search.eachMatch('sandbox', parsed)].map(toSummary), zoneOf);
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
    const east = apiOrder('ORD-east', {}, '2026-12-02T17:00:00Z');
    east.fulfillment_details!.store_location = '2002';
    cache.orders.recordApiOrder('sandbox', east, { source: 'get' });
  });
  afterAll(() => cache.remove());

  it('writes every match of the filters, not only the window on screen', async () => {
    expect(cache.search.search('sandbox', searchQuery.parse({ text: 'zoe', limit: 10 })).rows).toHaveLength(10);
    const { csv, rowCount } = exported({ text: 'zoe' });
    expect(rowCount).toBe(50);
    expect(readBack(csv)).toHaveLength(50);
    expect(exported({ text: '' }).rowCount).toBe(152);
    expect(exported({ text: 'ORD-no-window' }).rowCount).toBe(1);
  });

  it('writes at most its row cap and counts the matches it left out', async () => {
    const all = [...cache.search.eachMatch('sandbox', searchFilters.parse({ text: '' }))].map(toSummary);
    const capped = ordersToCsv(all, zoneOf, 100);
    expect(capped).toMatchObject({ rowCount: 100, omitted: 52 });
    expect(readBack(capped.csv)).toHaveLength(100);
    expect(exported({ text: '' }).omitted).toBe(0);
  });

  it('reads back exactly what was exported, commas, quotes, line breaks, accents and nulls included', async () => {
    const { csv } = exported({ text: '' });
    const expected = [...cache.search.eachMatch('sandbox', searchFilters.parse({ text: '' }))].map(toSummary);
    expect(readBack(csv)).toEqual(expected.map(comparable));
    expect(expected.find((o) => o.orderId === 'ORD-no-window')).toMatchObject({
      firstName: null,
      windowStartsAt: null,
    });
  });

  it("writes window times in the store's zone with their offset, beside the zone's name", async () => {
    const rows = parse(exported({ text: '' }).csv, { columns: true }) as Record<string, string>[];
    expect(rows.find((row) => row.order_id === 'ORD-east')).toMatchObject({
      store_time_zone: 'America/New_York',
      window_starts_at: '2026-12-02T12:00:00-05:00',
      window_ends_at: '2026-12-02T13:00:00-05:00',
    });
    // June in Los Angeles: daylight time.
    expect(rows.find((row) => row.order_id === 'ORD-0')).toMatchObject({
      store_time_zone: 'America/Los_Angeles',
      window_starts_at: '2026-06-15T05:00:00-07:00',
    });
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
