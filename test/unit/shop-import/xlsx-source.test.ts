import ExcelJS from 'exceljs';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { xlsxRows } from '../../../electron/core/shop-import/xlsx-source';
import { tempDir } from '../../support/temp-dir';

const dir = tempDir('lastmile-xlsx-');
afterAll(() => dir.remove());

let files = 0;
async function saved(book: ExcelJS.Workbook): Promise<string> {
  const file = join(dir.path, `book-${files++}.xlsx`);
  writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
  return file;
}

async function rowsOf(file: string, sheet?: string) {
  let sheets: string[] = [];
  const rows = [];
  for await (const row of xlsxRows(file, sheet, (names) => (sheets = names))) rows.push(row);
  return { sheets, rows };
}

function deliveries(count: number): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Deliveries');
  sheet.addRow(['Order #', 'Customer Name', 'Phone']);
  for (let i = 0; i < count; i++) sheet.addRow([`LM${i}`, `Ada${i} Byron`, `(415) 555-${String(i).padStart(4, '0')}`]);
  return book;
}

describe("the XLSX reader (the zip's central directory, then the sheet streamed)", () => {
  it('gives every kind of cell as the text the shop system put there', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Summary').addRow(['not the orders']);
    const sheet = book.addWorksheet('Orders');
    sheet.addRow(['Order #', 'Name', 'Items', 'Due', 'Alcohol', 'Broken', 'Tip']);
    sheet.addRow([
      'A-1',
      { richText: [{ text: 'Zoë ' }, { font: { bold: true }, text: 'Adams' }] },
      { formula: '2+3', result: 5 },
      new Date(Date.UTC(2026, 11, 4, 15, 30)),
      true,
      { error: '#N/A' },
      2.5,
    ]);
    sheet.getCell('D2').numFmt = 'yyyy-mm-dd hh:mm';
    // A sparse row: Excel leaves out the cells nobody typed in.
    sheet.getCell('A3').value = '  A-2  ';
    sheet.getCell('G3').value = { formula: 'A3&"x"', result: 'A-2x' };
    const { sheets, rows } = await rowsOf(await saved(book), 'Orders');
    expect(sheets).toEqual(['Summary', 'Orders']);
    expect(rows).toEqual([
      { line: 1, cells: ['Order #', 'Name', 'Items', 'Due', 'Alcohol', 'Broken', 'Tip'] },
      { line: 2, cells: ['A-1', 'Zoë Adams', '5', '2026-12-04T15:30:00.000Z', 'true', '', '2.5'] },
      { line: 3, cells: ['A-2', '', '', '', '', '', 'A-2x'] },
    ]);
  });

  it('reads the first sheet unless told, counts dates of the 1904 system, and names a sheet it lacks', async () => {
    const book = new ExcelJS.Workbook();
    book.properties.date1904 = true;
    const sheet = book.addWorksheet('First');
    sheet.addRow(['When']);
    sheet.addRow([new Date(Date.UTC(2026, 0, 2))]);
    sheet.getCell('A2').numFmt = 'd mmm yyyy';
    book.addWorksheet('Second').addRow(['other']);
    const file = await saved(book);
    expect((await rowsOf(file)).rows.map((row) => row.cells)).toEqual([['When'], ['2026-01-02T00:00:00.000Z']]);
    expect((await rowsOf(file, 'Second')).rows.map((row) => row.cells)).toEqual([['other']]);
    await expect(rowsOf(file, 'Third')).rejects.toMatchObject({ appError: { code: 'import_no_such_sheet' } });
  });

  it('reads the same workbook many times at once, each time whole', async () => {
    const file = await saved(deliveries(30));
    const reads = await Promise.all(Array.from({ length: 60 }, () => rowsOf(file)));
    for (const read of reads) {
      expect(read.rows).toHaveLength(31);
      expect(read.rows[30]!.cells).toEqual(['LM29', 'Ada29 Byron', '(415) 555-0029']);
    }
  });

  it('lets go of the file when the reader stops early', async () => {
    const file = await saved(deliveries(20_000));
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 20; i++) {
      for await (const row of xlsxRows(file, undefined)) if (row.line >= 3) break;
    }
    expect(open()).toBeLessThanOrEqual(before + 1);
  });

  it('refuses a zip that is no workbook, and a truncated workbook, as damaged', async () => {
    const notAWorkbook = join(dir.path, 'not.xlsx');
    writeFileSync(notAWorkbook, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    await expect(rowsOf(notAWorkbook)).rejects.toMatchObject({ appError: { code: 'import_bad_workbook' } });
    const whole = Buffer.from(await deliveries(10).xlsx.writeBuffer());
    const truncated = join(dir.path, 'truncated.xlsx');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(rowsOf(truncated)).rejects.toMatchObject({
      appError: { code: 'import_bad_workbook', hint: expect.stringMatching(/save it again/) },
    });
  });
});
