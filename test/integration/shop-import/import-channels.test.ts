import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import type { ImportJobView, OrderDetail, SearchResult } from '../../../shared/contract';
import { NOT_CHECKED_STATUS, NOT_FOUND_STATUS } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { SANDBOX_TEST_NOW } from '../../support/sandbox-client';
import { SHOP_HEADERS, csvOf, inspect, runImport, upload } from './import-support';

let sandbox: Sandbox;
let harness: CoreHarness;
let demo: { orderId: string; userId: string }[];

const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', '-08:00');
const tomorrow = at(SANDBOX_TEST_NOW + DAY);
const tomorrowEnd = at(SANDBOX_TEST_NOW + DAY + 3_600_000);
const lastWeek = at(SANDBOX_TEST_NOW - 7 * DAY);
const lastWeekEnd = at(SANDBOX_TEST_NOW - 7 * DAY + 3_600_000);

function shopRow(i: number, phone: string, window = [tomorrow, tomorrowEnd]): string[] {
  const order = demo[i]!;
  const names = ['Marcus Okafor', 'Lena Park', 'Ravi Shah', 'Ada Moreno', 'Tom Berg'];
  return [
    order.orderId,
    order.userId,
    names[i]!,
    phone,
    `${100 + i} Market St`,
    '',
    '94110',
    '1001',
    window[0]!,
    window[1]!,
    `B-${i}`,
    '12',
    '2',
    '8.5',
    '5.00',
  ];
}

function exportRows(phoneOfFirst = '(415) 555-0123'): string[][] {
  return [
    SHOP_HEADERS,
    shopRow(0, phoneOfFirst),
    shopRow(1, '415.555.0177'),
    shopRow(2, '+1 415 555 0188'),
    shopRow(3, '415-555-0199 x12'),
    shopRow(4, '(415) 555-0100', [lastWeek, lastWeekEnd]),
    [
      'SHOP-ONLY-1',
      'user-shop',
      'Nadia Flores',
      '(415) 555-0111',
      '9 Valencia St',
      'Apt 2',
      '94103',
      '1001',
      tomorrow,
      tomorrowEnd,
      'B-9',
      '3',
      '1',
      '2',
      '0',
    ],
    shopRow(1, '415.555.0177'),
  ];
}

const search = (text: string) => harness.value<SearchResult>('orders:search', { environmentId: 'sandbox', text });
const detail = (orderId: string) => harness.value<OrderDetail>('orders:get', { environmentId: 'sandbox', orderId });

beforeAll(async () => {
  sandbox = await startSandbox({
    orders: 10,
    seed: 5,
    clock: createSandboxClock({ start: SANDBOX_TEST_NOW, frozen: true }),
  });
  demo = sandbox.demoOrders();
  harness = await startCoreHarness({ sandbox, clock: sandbox.clock, prefetch: false, imports: { progressEveryMs: 0 } });
});
afterAll(async () => {
  await harness.close();
  await sandbox.close();
});

describe('the shop-export import through the channels, over the sandbox and a real SQLite file', () => {
  let first: ImportJobView;

  it('proposes a mapping from the headers and shows the first rows as they will be read', async () => {
    const uploadId = await upload(harness, 'orders.csv', Buffer.from('\uFEFF' + csvOf(exportRows())), 100);
    const seen = await inspect(harness, uploadId);
    if (!seen.ok) throw new Error(JSON.stringify(seen.error));
    expect(seen.value.mapping).toEqual({
      orderId: 0,
      userId: 1,
      fullName: 2,
      phone: 3,
      addressLine1: 4,
      addressLine2: 5,
      postalCode: 6,
      storeLocation: 7,
      windowStart: 8,
      windowEnd: 9,
      bagLabel: 10,
      itemsCount: 11,
      bagsCount: 12,
      weight: 13,
      tip: 14,
    });
    expect(seen.value.rows[0]!.values).toMatchObject({
      firstName: 'Marcus',
      lastName: 'Okafor',
      phone: '(415) 555-0123',
    });
    expect(seen.value.rows[3]!.problems).toEqual([
      expect.objectContaining({ line: 5, column: 'Phone', hint: expect.stringContaining('extension') }),
    ]);

    const before = sandbox.counters.totals.requests;
    first = await runImport(harness, uploadId, seen.value.mapping);
    expect(first.state).toBe('finished');
    expect(first.counts).toMatchObject({
      lines: 7,
      created: 5,
      changed: 0,
      unchanged: 0,
      refused: 2,
      toFetch: 4,
      fetched: 3,
      notFound: 1,
      deferred: 1,
      fetchFailed: 0,
    });
    // One get per order that can still change: none for last week's, none twice.
    expect(sandbox.counters.totals.requests - before).toBe(4);
    expect(first.problems.map((p) => [p.line, p.column])).toEqual([
      [5, 'Phone'],
      [8, null],
    ]);
    expect(first.problems[1]!.message).toMatch(/also on line 3/);
    const progress = harness.events.filter((e) => e.name === 'imports:progress').map((e) => e.payload as ImportJobView);
    expect(progress.some((p) => p.state === 'fetching')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ state: 'finished', counts: { fetched: 3 } });
  });

  it('finds the imported orders by name and by phone digits, with Instacart status and the shop customer', async () => {
    expect((await search('Marcus')).rows.map((r) => r.orderId)).toEqual([demo[0]!.orderId]);
    expect((await search('4155550177')).rows.map((r) => r.orderId)).toEqual([demo[1]!.orderId]);
    const marcus = await detail(demo[0]!.orderId);
    expect(marcus.order).toMatchObject({
      firstName: 'Marcus',
      lastName: 'Okafor',
      phone: '+14155550123',
      postalCode: '94110',
    });
    expect(marcus.order.status).not.toBe(NOT_CHECKED_STATUS);
    expect(marcus.order.raw).not.toBeNull();
  });

  it('keeps an order Instacart does not know as not found at Instacart, with the shop data', async () => {
    const shopOnly = await detail('SHOP-ONLY-1');
    expect(shopOnly.order).toMatchObject({
      status: NOT_FOUND_STATUS,
      firstName: 'Nadia',
      addressLine1: '9 Valencia St',
      raw: null,
    });
    expect((await detail(demo[4]!.orderId)).order.status).toBe(NOT_CHECKED_STATUS);
    // The full-text index holds each order's status (migration 0020): it was indexed anew as not found.
    const db = new Database(join(harness.dataDir, 'lastmile.db'));
    try {
      db.exec("INSERT INTO orders_fts (orders_fts, rank) VALUES ('integrity-check', 1)");
    } finally {
      db.close();
    }
  });

  it('finds orders Instacart never answered for by what a caller says: the last four digits, "Street"', async () => {
    // Last week's order was not asked about, and Instacart does not know SHOP-ONLY-1: only the shop's data.
    expect((await search('0100')).rows.map((r) => r.orderId)).toEqual([demo[4]!.orderId]);
    expect((await search('104 Market Street')).rows.map((r) => r.orderId)).toEqual([demo[4]!.orderId]);
    expect((await search('Valencia Street')).rows.map((r) => r.orderId)).toEqual(['SHOP-ONLY-1']);
  });

  it('changes nothing when the same file is imported again, asks Instacart nothing, and keeps no rows of either job but the one not found', async () => {
    const before = sandbox.counters.totals.requests;
    const uploadId = await upload(harness, 'orders.csv', Buffer.from(csvOf(exportRows())));
    const seen = await inspect(harness, uploadId);
    expect(seen.ok && seen.value.remembered).toBe(true);
    const again = await runImport(harness, uploadId, seen.ok ? seen.value.mapping : {});
    expect(again.counts).toMatchObject({ created: 0, changed: 0, unchanged: 5, refused: 2, toFetch: 0 });
    expect(sandbox.counters.totals.requests).toBe(before);
    // An ended job's rows are dropped but the orders not found, which the attention list names.
    const db = new Database(join(harness.dataDir, 'lastmile.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT order_id, state FROM import_rows').all()).toEqual([
        { order_id: 'SHOP-ONLY-1', state: 'not_found' },
      ]);
    } finally {
      db.close();
    }
  });

  it('updates a changed phone and says so in the order history', async () => {
    const uploadId = await upload(harness, 'orders.csv', Buffer.from(csvOf(exportRows('(415) 555-0999'))));
    const seen = await inspect(harness, uploadId);
    const job = await runImport(harness, uploadId, seen.ok ? seen.value.mapping : {});
    expect(job.counts).toMatchObject({ created: 0, changed: 1, unchanged: 4 });
    const marcus = await detail(demo[0]!.orderId);
    expect(marcus.order.phone).toBe('+14155550999');
    expect(marcus.events.filter((e) => e.kind === 'customer')).toEqual([
      expect.objectContaining({ field: 'phone', from: '+14155550123', to: '+14155550999', source: 'shop' }),
    ]);
    expect((await search('4155550999')).rows.map((r) => r.orderId)).toEqual([demo[0]!.orderId]);
    expect((await search('4155550123')).total).toBe(0);
  });

  it('reads an XLSX sheet with unfamiliar headers and a formula cell, one column mapped by hand', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Summary').addRow(['not the orders']);
    const sheet = workbook.addWorksheet('Deliveries');
    sheet.addRow(['Ref', 'Client Ref', 'Recipient', 'Contact', 'Where', 'Zip', 'Qty']);
    sheet.addRow([
      'XL-1',
      'user-xl',
      'Grace Hopper',
      '(212) 555-0142',
      '1 Broadway',
      '10004',
      { formula: '2+3', result: 5 },
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const uploadId = await upload(harness, 'deliveries.xlsx', bytes);
    const seen = await inspect(harness, uploadId, { sheet: 'Deliveries' });
    if (!seen.ok) throw new Error(JSON.stringify(seen.error));
    expect(seen.value.sheets).toEqual(['Summary', 'Deliveries']);
    expect(seen.value.mapping.orderId).toBeUndefined();
    expect(seen.value.mapping).toMatchObject({ fullName: 2, postalCode: 5, itemsCount: 6 });
    const mapping = { ...seen.value.mapping, orderId: 0, userId: 1, phone: 3, addressLine1: 4 };
    const job = await runImport(harness, uploadId, mapping, 'Deliveries');
    expect(job.counts).toMatchObject({ created: 1, refused: 0, notFound: 1 });
    expect((await detail('XL-1')).order).toMatchObject({ firstName: 'Grace', itemsCount: 5, phone: '+12125550142' });
    expect((await search('Hopper')).rows.map((r) => r.orderId)).toEqual(['XL-1']);
  });
});

describe('bad input to the import: a clear error and the cache unchanged', () => {
  const refused = async (bytes: Buffer, mapping?: Record<string, number>) => {
    const before = (await search('')).total;
    const uploadId = await upload(harness, 'bad', bytes);
    const answer = mapping
      ? await harness.call('imports:start', { environmentId: 'sandbox', uploadId, mapping })
      : await inspect(harness, uploadId);
    expect((await search('')).total).toBe(before);
    if (answer.ok) throw new Error('accepted');
    return answer.error;
  };

  it('refuses an empty file, a header-only file and a mapping without the order id', async () => {
    expect(await refused(Buffer.alloc(0))).toMatchObject({ code: 'import_empty' });
    expect(await refused(Buffer.from(csvOf([SHOP_HEADERS])))).toMatchObject({ code: 'import_no_orders' });
    expect(await refused(Buffer.from(csvOf(exportRows())), { phone: 3 })).toMatchObject({ code: 'import_no_order_id' });
  });

  it('drops a file that cannot be read, and holds at most 8 files waiting to be imported', async () => {
    const uploadId = await upload(harness, 'empty.csv', Buffer.alloc(0));
    expect((await inspect(harness, uploadId)).ok).toBe(false);
    expect(await inspect(harness, uploadId)).toMatchObject({ ok: false, error: { code: 'import_upload_unknown' } });
    const waiting: string[] = [];
    const send = () =>
      harness.call<{ uploadId: string }>('imports:upload', { name: 'x.csv', chunkBase64: 'eA==', last: false });
    for (let answer = await send(); answer.ok; answer = await send()) waiting.push(answer.value.uploadId);
    expect(await send()).toMatchObject({ ok: false, error: { code: 'import_too_many_uploads' } });
    for (const id of waiting) await harness.value('imports:discard', { uploadId: id });
    expect((await send()).ok).toBe(true);
  });

  it('refuses what is not a CSV or XLSX, an encrypted workbook and a corrupt one', async () => {
    expect(await refused(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 4, 5]))).toMatchObject({
      code: 'import_not_a_sheet',
    });
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(await refused(cfb)).toMatchObject({
      code: 'import_old_or_encrypted_workbook',
      hint: expect.stringMatching(/without a password/),
    });
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    expect(await refused(zip)).toMatchObject({ code: 'import_bad_workbook' });
  });

  it('refuses Latin-1 text and a 10 MB line, and reads UTF-16 with semicolons', async () => {
    expect(await refused(Buffer.from('Order #;Name\r\nA-1;Caf\xe9\r\n', 'latin1'))).toMatchObject({
      code: 'bad_encoding',
    });
    const long = Buffer.from(`Order #,Name\r\nA-1,"${'x'.repeat(10_000_000)}"\r\n`);
    expect(await refused(long)).toMatchObject({ code: 'import_line_too_long' });
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Order #;Customer Name\r\nU-1;Zoë Adams\r\n', 'utf16le'),
    ]);
    const uploadId = await upload(harness, 'utf16.csv', utf16);
    const seen = await inspect(harness, uploadId);
    expect(seen.ok && seen.value.rows[0]!.values).toEqual({ orderId: 'U-1', firstName: 'Zoë', lastName: 'Adams' });
  });
});
