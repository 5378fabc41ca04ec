import { csvRows } from './csv-source';
import type { ExportKind } from './file-kind';
import { xlsxRows } from './xlsx-source';

/** One record of an export: the line (CSV) or row number (XLSX) it is on, and its cells as text. */
export interface SheetRow {
  line: number;
  cells: string[];
}

/** An export's rows, the header first, whatever its format; `onSheets` hears a workbook's sheet names. */
export function sheetRows(
  path: string,
  kind: ExportKind,
  sheet?: string,
  onSheets?: (names: string[]) => void,
): AsyncGenerator<SheetRow> {
  return kind === 'csv' ? csvRows(path) : xlsxRows(path, sheet, onSheets);
}
