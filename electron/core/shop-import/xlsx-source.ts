import { CoreError } from '../core-error';
import type { SheetRow } from './sheet-source';
import { serialToIso } from './xlsx/number-formats';
import type { WorkbookParts } from './xlsx/workbook-parts';
import { readWorkbookParts } from './xlsx/workbook-parts';
import { ZipParts } from './xlsx/zip-parts';

/** Columns read per row: Excel's own limit is 16,384 (XFD). */
const MAX_COLUMNS = 16_384;

function corrupt(): CoreError {
  return new CoreError({
    code: 'import_bad_workbook',
    message: 'The workbook could not be read: it is damaged or not a real .xlsx file.',
    hint: 'Open it in Excel and save it again as .xlsx (or as CSV UTF-8), then choose it again.',
  });
}

/** "C7" → 2: the zero-based column of a cell reference. */
function columnOf(reference: string | undefined, next: number): number {
  if (!reference) return next;
  let column = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column === 0 ? next : column - 1;
}

interface Cell {
  column: number;
  type: string;
  style: number;
  value: string;
  inline: string[];
}

/**
 * A cell as the text the shop's system put there. A formula gives the value Excel saved with it (it
 * is never evaluated); a date becomes ISO 8601; rich text its plain text; an error cell is empty.
 */
function cellText(cell: Cell, parts: WorkbookParts): string {
  switch (cell.type) {
    case 's':
      return (parts.sharedStrings[Number(cell.value)] ?? '').trim();
    case 'inlineStr':
      return cell.inline.join('').trim();
    case 'str':
      return cell.value.trim();
    case 'b':
      return cell.value === '1' ? 'true' : cell.value === '0' ? 'false' : '';
    case 'e':
      return '';
    case 'd': {
      const date = new Date(cell.value);
      return Number.isNaN(date.getTime()) ? '' : date.toISOString();
    }
    default: {
      if (cell.value.trim() === '') return '';
      const number = Number(cell.value);
      if (!Number.isFinite(number)) return cell.value.trim();
      return parts.dateStyles[cell.style] ? serialToIso(number, parts.date1904) : String(number);
    }
  }
}

/** A sheet's rows as they are parsed, one chunk of the part at a time. */
async function* sheetRowsOf(zip: ZipParts, part: string, parts: WorkbookParts): AsyncGenerator<SheetRow> {
  const ready: SheetRow[] = [];
  let row: { line: number; cells: string[] } | null = null;
  let cell: Cell | null = null;
  let into: 'value' | 'inline' | null = null;
  let rowsSeen = 0;
  const parsing = zip.parse(part, {
    open: ({ name, attributes }) => {
      if (name === 'row') {
        rowsSeen += 1;
        row = { line: Number(attributes.r) || rowsSeen, cells: [] };
      } else if (name === 'c' && row) {
        cell = {
          column: Math.min(columnOf(attributes.r, row.cells.length), MAX_COLUMNS),
          type: attributes.t ?? 'n',
          style: Number(attributes.s ?? 0),
          value: '',
          inline: [],
        };
      } else if (cell && name === 'v') into = 'value';
      else if (cell && name === 't' && cell.type === 'inlineStr') into = 'inline';
    },
    text: (text) => {
      if (!cell || into === null) return;
      if (into === 'value') cell.value += text;
      else cell.inline.push(text);
    },
    close: (name) => {
      if (name === 'v' || name === 't') into = null;
      else if (name === 'c' && cell && row) {
        if (cell.column < MAX_COLUMNS) {
          while (row.cells.length < cell.column) row.cells.push('');
          row.cells[cell.column] = cellText(cell, parts);
        }
        cell = null;
      } else if (name === 'row' && row) {
        ready.push(row);
        row = null;
      }
    },
  });
  for await (const _ of parsing) {
    yield* ready;
    ready.length = 0;
  }
  yield* ready;
}

/** A sheet's rows (the first sheet unless named), streamed; `onSheets` hears the workbook's sheet names. */
export async function* xlsxRows(path: string, sheet: string | undefined, onSheets?: (names: string[]) => void) {
  let zip: ZipParts;
  let parts: WorkbookParts;
  let rows: AsyncGenerator<SheetRow> | undefined;
  try {
    zip = await ZipParts.open(path);
  } catch {
    throw corrupt();
  }
  try {
    try {
      parts = await readWorkbookParts(zip);
    } catch {
      throw corrupt();
    }
    onSheets?.(parts.sheets.map((s) => s.name));
    const chosen = sheet === undefined ? parts.sheets[0] : parts.sheets.find((s) => s.name === sheet);
    if (!chosen) {
      if (sheet === undefined) throw corrupt();
      throw new CoreError({
        code: 'import_no_such_sheet',
        message: `The workbook has no sheet named "${sheet.slice(0, 64)}".`,
        hint: 'Pick one of the sheets listed.',
      });
    }
    if (!zip.has(chosen.part)) throw corrupt();
    rows = sheetRowsOf(zip, chosen.part, parts);
    for (;;) {
      let next: IteratorResult<SheetRow>;
      try {
        next = await rows.next();
      } catch {
        throw corrupt();
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // A reader that stops early (the preview's first lines) lets go of the part's stream, then the file.
    await rows?.return(undefined).catch(() => undefined);
    zip.close();
  }
}
