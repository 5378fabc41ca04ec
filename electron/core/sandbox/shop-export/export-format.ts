import type { Writable } from 'node:stream';
import type { ShopExportRow } from './columns';
import { writeShopExportCsv } from './csv-writer';
import { writeShopExportXlsx } from './xlsx-writer';

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_WRITERS: Record<ExportFormat, (rows: Iterable<ShopExportRow>, out: Writable) => Promise<void>> = {
  csv: writeShopExportCsv,
  xlsx: writeShopExportXlsx,
};

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The format a file name asks for by its extension, or null when it is neither. */
export function exportFormatOf(fileName: string): ExportFormat | null {
  const match = /\.(csv|xlsx)$/i.exec(fileName);
  return match ? (match[1]!.toLowerCase() as ExportFormat) : null;
}
