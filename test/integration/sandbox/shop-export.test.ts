import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoDataConfig, Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, demoOrderAt, startSandbox } from '../../../electron/core/sandbox';
import { storeByCode } from '../../../electron/core/sandbox/stores';
import { SHOP_EXPORT_HEADERS } from '../../../electron/core/sandbox/shop-export';
import { phoneDigits } from '../../../shared/phone';
import { repoRoot } from '../../../electron/launch/paths';
import { tempDir } from '../../support/temp-dir';
import { TEST_NOW } from './support';

const COUNT = 300;
const SEED = 7;
const config: DemoDataConfig = { count: COUNT, seed: SEED, now: TEST_NOW };
const SAMPLE = [0, 1, 6, 7, 8, 9, 42, 150, 299];

/**
 * Reads a workbook whole with exceljs (not the import's own reader, so the writer is checked by another
 * reader): every row's cell values, numbers as numbers.
 */
async function readXlsx(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** What the shop's export says of demo order `index`, as text cells. */
function expectedRow(index: number): Record<string, string> {
  const order = demoOrderAt(config, index);
  return {
    'Order #': order.orderId,
    'Customer ID': order.userId,
    'Customer Name': `${order.firstName} ${order.lastName}`,
    Address: order.address.address_line_1,
    'Apt/Suite': order.address.address_line_2 ?? '',
    'Ship To Zip': order.address.postal_code,
    'Store #': order.locationCode,
    'Bag Label': order.bagLabel,
    Items: String(order.itemsCount),
    Bags: String(order.bagsCount),
    'Weight (lb)': String(order.itemsWeight),
    Tip: (order.tipCents / 100).toFixed(2),
  };
}

function expectMatchesDemo(row: Record<string, string>, index: number): void {
  const order = demoOrderAt(config, index);
  expect(row).toMatchObject(expectedRow(index));
  expect(phoneDigits(row.Phone!).slice(-10)).toBe(order.phone.slice(-10));
  expect(Date.parse(row['Delivery Start']!)).toBe(order.windowStart);
  expect(Date.parse(row['Delivery End']!)).toBe(order.windowEnd);
  // The store's own time and offset, as a shop's system in the store's zone writes them.
  const zone = storeByCode(order.locationCode)!.timeZone;
  expect(row['Delivery Start']).toMatch(zone === 'America/New_York' ? /-0[45]:00$/ : /-0[78]:00$/);
}

describe('the sandbox plays the shop: its demo orders as the back office exports them', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      orders: COUNT,
      seed: SEED,
      clock: createSandboxClock({ start: TEST_NOW, frozen: true }),
    });
  });
  afterAll(() => sandbox.close());
  const get = (path: string) => fetch(`${sandbox.url}/_sandbox/${path}`);
  const csvRecords = async (path: string) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await response.text();
    return { text, lines: parse(text) as string[][] };
  };
  const asObject = (headers: string[], values: string[]) =>
    Object.fromEntries(headers.map((header, i) => [header, values[i] ?? '']));

  it('serves every demo order as CSV, with the shop headers exactly and the values of the demo orders', async () => {
    const { text, lines } = await csvRecords('shop-export.csv');
    expect(
      text.startsWith(
        '"Order #","Customer ID","Customer Name","Phone","Address","Apt/Suite","Ship To Zip","Store #","Delivery Start","Delivery End","Bag Label","Items","Bags","Weight (lb)","Tip"\r\n',
      ),
    ).toBe(true);
    const [header, ...rows] = lines;
    expect(header).toEqual([...SHOP_EXPORT_HEADERS]);
    expect(rows).toHaveLength(COUNT);
    expect(rows.map((row) => row[0])).toEqual(sandbox.demoOrders().map((order) => order.orderId));
    for (const index of SAMPLE) expectMatchesDemo(asObject(header!, rows[index]!), index);
    expect(rows.some((row) => row[5] === '')).toBe(true);
  });

  it('writes the phones the ways people type them, the same ones every time', async () => {
    const { lines } = await csvRecords('shop-export.csv?count=10');
    const phones = lines.slice(1).map((row) => row[3]);
    expect(phones[0]).toBe('(415) 555-0100');
    expect(phones[6]).toBe('415.555.0106');
    expect(phones[7]).toBe('+1 415 555 0107');
    expect(phones[8]).toBe('415-555-0108');
    expect(phones[9]).toBe('1 (415) 555-0109');
    expect((await csvRecords('shop-export.csv?count=10')).lines.slice(1).map((row) => row[3])).toEqual(phones);
  });

  it('pages through the demo orders with count and offset, and says what is wrong with a bad one', async () => {
    const { lines } = await csvRecords('shop-export.csv?count=10&offset=20');
    expect(lines).toHaveLength(11);
    expect(lines[1]![0]).toBe('LM0000020');
    expectMatchesDemo(asObject(lines[0]!, lines[10]!), 29);
    expect((await csvRecords(`shop-export.csv?offset=${COUNT - 3}`)).lines).toHaveLength(4);
    expect((await csvRecords(`shop-export.csv?offset=${COUNT + 5}`)).lines).toEqual([[...SHOP_EXPORT_HEADERS]]);
    const bad = await get('shop-export.xlsx?count=ten');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { message: '"count" must be a whole number of orders, got "ten".', code: null },
    });
  });

  it('serves the same orders as an XLSX workbook that the streaming reader reads back', async () => {
    const response = await get('shop-export.xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const [header, ...rows] = await readXlsx(Buffer.from(await response.arrayBuffer()));
    expect(header).toEqual([...SHOP_EXPORT_HEADERS]);
    expect(rows).toHaveLength(COUNT);
    for (const index of SAMPLE) {
      const order = demoOrderAt(config, index);
      const row = rows[index]!;
      expect(typeof row[3]).toBe('string');
      // Numbers are number cells; every other cell is text, as the CSV writes it.
      expect(row.slice(11)).toEqual([order.itemsCount, order.bagsCount, order.itemsWeight, order.tipCents / 100]);
      const text = row.map((cell) => (cell === undefined ? '' : String(cell)));
      expectMatchesDemo({ ...asObject(header as string[], text), Tip: (order.tipCents / 100).toFixed(2) }, index);
    }
    const paged = await readXlsx(Buffer.from(await (await get('shop-export.xlsx?offset=100&count=5')).arrayBuffer()));
    expect(paged.slice(1).map((row) => row[0])).toEqual([
      'LM0000100',
      'LM0000101',
      'LM0000102',
      'LM0000103',
      'LM0000104',
    ]);
  });
});

describe.concurrent('npm run sandbox -- --export FILE', () => {
  const exportTo = async (file: string, ...more: string[]) => {
    const child = spawn('npm', ['run', '--silent', 'sandbox', '--', '--export', file, ...more], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, output };
  };

  it('writes the export as CSV or XLSX by the extension, with --orders and --seed, and exits', async () => {
    const dir = tempDir('lastmile-shop-export-');
    try {
      const csv = join(dir.path, 'orders.csv');
      const xlsx = join(dir.path, 'orders.xlsx');
      const [csvRun, xlsxRun] = await Promise.all([
        exportTo(csv, '--orders', '40', '--seed', '3'),
        exportTo(xlsx, '--orders', '25', '--seed', '3'),
      ]);
      expect(csvRun).toEqual({ code: 0, output: `Wrote 40 demo orders as the shop's CSV export to ${csv}\n` });
      expect(xlsxRun.code).toBe(0);
      // Names and ids do not depend on the time the export ran.
      const demo = demoOrderAt({ count: 40, seed: 3, now: TEST_NOW }, 39);
      const lines = parse(readFileSync(csv, 'utf8')) as string[][];
      expect(lines).toHaveLength(41);
      expect(lines[40]!.slice(0, 3)).toEqual([demo.orderId, demo.userId, `${demo.firstName} ${demo.lastName}`]);
      const rows = await readXlsx(readFileSync(xlsx));
      expect(rows).toHaveLength(26);
      expect(rows[0]).toEqual([...SHOP_EXPORT_HEADERS]);
    } finally {
      dir.remove();
    }
  });

  it('refuses a file that is neither .csv nor .xlsx, and writes nothing', async () => {
    const dir = tempDir('lastmile-shop-export-');
    try {
      const file = join(dir.path, 'orders.txt');
      const run = await exportTo(file);
      expect(run.code).not.toBe(0);
      expect(run.output).toContain('--export needs a file name ending in .csv or .xlsx, got');
      expect(existsSync(file)).toBe(false);
    } finally {
      dir.remove();
    }
  });
});
