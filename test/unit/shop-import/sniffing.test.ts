import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRows, sniffDelimiter } from '../../../electron/core/shop-import/csv-source';
import { exportKindOf } from '../../../electron/core/shop-import/file-kind';

const dir = mkdtempSync(join(tmpdir(), 'lastmile-sniff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rowsOf(text: string | Buffer) {
  const file = join(dir, `f${Math.random()}`);
  writeFileSync(file, text);
  const rows = [];
  for await (const row of csvRows(file)) rows.push(row);
  return rows;
}

describe('CSV sniffing', () => {
  it('picks the separator of the header line, outside quotes', () => {
    expect(sniffDelimiter('Order #,Name,Phone')).toBe(',');
    expect(sniffDelimiter('Order #;Name;"Phone, mobile"')).toBe(';');
    expect(sniffDelimiter('Order #\tName\tPhone')).toBe('\t');
    expect(sniffDelimiter('Order #|Name|Phone')).toBe('|');
  });

  it('reads a BOM, quotes, CRLF and pipes, with the line each record is on', async () => {
    expect(await rowsOf('\uFEFFOrder #|Name\r\nA-1|"Lee | Ann"\r\n\r\nA-2|Bo\r\n')).toEqual([
      { line: 1, cells: ['Order #', 'Name'] },
      { line: 2, cells: ['A-1', 'Lee | Ann'] },
      { line: 4, cells: ['A-2', 'Bo'] },
    ]);
  });

  it('tells a workbook, an encrypted workbook or .xls, a binary file and text apart by their first bytes', () => {
    expect(exportKindOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]))).toBe('xlsx');
    expect(() => exportKindOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toThrow(/password-protected workbook/);
    expect(() => exportKindOf(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]))).toThrow(/neither a CSV/);
    expect(exportKindOf(Buffer.from('Order #,Name\r\n'))).toBe('csv');
    expect(exportKindOf(Buffer.from('O\0r\0', 'latin1'))).toBe('csv');
    expect(() => exportKindOf(Buffer.alloc(0))).toThrow(/empty/);
  });
});
