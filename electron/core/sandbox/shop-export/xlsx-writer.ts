import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { ShopExportRow } from './columns';
import { SHOP_EXPORT_COLUMNS, SHOP_EXPORT_HEADERS } from './columns';

/** Rows written between checks that the compressor has caught up. */
const ROWS_PER_PAUSE = 500;

type SheetWriter = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>;

/** Node's own streams say writableNeedDrain; the readable-stream 2 that the zip library uses keeps it in its state. */
interface LegacyWritable extends Writable {
  _writableState?: { needDrain?: boolean };
}

/**
 * exceljs hands each sheet's XML to the zip's compressor without waiting for it (every write is taken),
 * so a loop adding a million rows would pile them all up in the compressor's input. Everything after the
 * compressor does wait (Node pipes), so waiting for its input to drain is backpressure for the whole file.
 * The compressor is reached through the sheet's stream, which exceljs does not document: when it is not
 * there, rows are still paused between, only less strictly. Measured at 200,000 rows: peak RSS 150 MB
 * with the wait, 250 MB and growing without it.
 */
async function compressorCaughtUp(sheet: SheetWriter, out: Writable): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown } }).stream?.pipes;
  const compressors = Array.isArray(pipes) ? (pipes as LegacyWritable[]) : [];
  await new Promise<void>((resolve) => setImmediate(resolve));
  for (const compressor of compressors) {
    if (compressor.writableNeedDrain || compressor._writableState?.needDrain) {
      // A reader that goes away never lets the compressor drain. The listener that loses is removed.
      const settled = new AbortController();
      const waits = [
        once(compressor, 'drain', { signal: settled.signal }),
        once(out, 'close', { signal: settled.signal }),
      ].map((wait) => wait.catch(() => undefined));
      await Promise.race(waits);
      settled.abort();
    }
  }
  if (out.destroyed) throw new Error('The export was closed before it was written in full.');
}

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
      await compressorCaughtUp(sheet, out);
      if (out.writableNeedDrain) await once(out, 'drain');
    }
  }
  sheet.commit();
  await workbook.commit();
  await finished(out);
}
