import ExcelJS from 'exceljs';
import { CoreError } from '../core-error';
import type { SheetRow } from './sheet-source';

type CellValue = ExcelJS.CellValue;

/**
 * A cell as the text the shop's system put there. A formula gives the value Excel saved with it
 * (it is never evaluated); a date becomes ISO 8601; rich text its plain text.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      return result === undefined || (typeof result === 'object' && result !== null && 'error' in result)
        ? ''
        : cellText(result as CellValue);
    }
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) return '';
    return '';
  }
  return String(value).trim();
}

function corrupt(): CoreError {
  return new CoreError({
    code: 'import_bad_workbook',
    message: 'The workbook could not be read: it is damaged or not a real .xlsx file.',
    hint: 'Open it in Excel and save it again as .xlsx (or as CSV UTF-8), then choose it again.',
  });
}

function reader(path: string) {
  return new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles say which numbers are dates.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
}

interface SheetsModel {
  model?: { sheets?: { name: string }[] };
}

/** A sheet's rows (the first sheet unless named), streamed; `onSheets` hears the workbook's sheet names. */
export async function* xlsxRows(path: string, sheet: string | undefined, onSheets?: (names: string[]) => void) {
  const workbook = reader(path);
  let found = false;
  try {
    for await (const worksheet of workbook) {
      const names = ((workbook as unknown as SheetsModel).model?.sheets ?? []).map((s) => s.name);
      if (!found && onSheets) onSheets(names);
      const name = (worksheet as unknown as { name?: string }).name;
      if (found || (sheet !== undefined && name !== sheet)) {
        // A sheet passed over is still read through: the zip is one stream.
        for await (const _row of worksheet) void _row;
        continue;
      }
      found = true;
      for await (const row of worksheet) {
        const values = (row as ExcelJS.Row).values as CellValue[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { line: (row as ExcelJS.Row).number, cells } satisfies SheetRow;
      }
      return;
    }
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw corrupt();
  }
  if (!found && sheet !== undefined) {
    throw new CoreError({
      code: 'import_no_such_sheet',
      message: `The workbook has no sheet named "${sheet.slice(0, 64)}".`,
      hint: 'Pick one of the sheets listed.',
    });
  }
}
