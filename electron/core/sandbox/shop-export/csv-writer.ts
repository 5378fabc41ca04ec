import type { Writable } from 'node:stream';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { ShopExportRow } from './columns';
import { SHOP_EXPORT_COLUMNS, SHOP_EXPORT_HEADERS } from './columns';

/**
 * Writes the export as CSV into `out` and ends it: every non-empty field quoted and CRLF line ends,
 * as back-office exports usually are. Rows are pulled only as fast as `out` takes them.
 */
export async function writeShopExportCsv(rows: Iterable<ShopExportRow>, out: Writable): Promise<void> {
  const records = Readable.from(
    (function* () {
      for (const row of rows) yield SHOP_EXPORT_COLUMNS.map((column) => column.text(row));
    })(),
  );
  await pipeline(
    records,
    stringify({ header: true, columns: [...SHOP_EXPORT_HEADERS], quoted: true, record_delimiter: 'windows' }),
    out,
  );
}
