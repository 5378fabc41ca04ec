import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { ShopExportRow } from './columns';
import { SHOP_EXPORT_COLUMNS, SHOP_EXPORT_HEADERS } from './columns';

/** Rows written between pauses that let the zip stream compress and hand on what it has. */
const ROWS_PER_PAUSE = 500;

/**
 * Writes the export as an XLSX workbook (one sheet, "Orders") into `out` and ends it. Streamed with
 * inline strings rather than a shared-strings table, which would hold every distinct text until the
 * end. Items, bags, weight and tip are number cells (the tip shown with two decimals); every other
 * cell is text, the delivery times too, as the CSV writes them.
 */
export async function writeShopExportXlsx(rows: Iterable<ShopExportRow>, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('Orders');
  sheet.addRow([...SHOP_EXPORT_HEADERS]).commit();
  let written = 0;
  for (const row of rows) {
    const added = sheet.addRow(SHOP_EXPORT_COLUMNS.map((column) => column.number?.(row) ?? column.text(row)));
    SHOP_EXPORT_COLUMNS.forEach((column, i) => {
      if (column.numFmt) added.getCell(i + 1).numFmt = column.numFmt;
    });
    added.commit();
    if (++written % ROWS_PER_PAUSE === 0) {
      if (out.destroyed) throw new Error('The export was closed before it was written in full.');
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (out.writableNeedDrain) await once(out, 'drain');
    }
  }
  sheet.commit();
  await workbook.commit();
  await finished(out);
}
