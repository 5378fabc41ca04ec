import { posix } from 'node:path';
import { isDateFormat } from './number-formats';
import type { ZipParts } from './zip-parts';

/** What a sheet's cells need from the rest of the workbook. */
export interface WorkbookParts {
  /** The sheets in the workbook's order, each with the part that holds it. */
  sheets: { name: string; part: string }[];
  sharedStrings: string[];
  /** Per cell style (a cell's `s`), whether its number is a date. */
  dateStyles: boolean[];
  /** The 1904 date system (old Mac workbooks) counts days from 1904-01-01. */
  date1904: boolean;
}

const WORKBOOK = 'xl/workbook.xml';

/** The part a workbook relationship points to: relative to the workbook's folder, or from the zip's root. */
function partOf(target: string): string {
  return target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
}

async function sheets(zip: ZipParts): Promise<{ sheets: WorkbookParts['sheets']; date1904: boolean }> {
  const targets = new Map<string, string>();
  await zip.read('xl/_rels/workbook.xml.rels', {
    open: ({ name, attributes }) => {
      if (name === 'Relationship' && attributes.Id && attributes.Target) {
        targets.set(attributes.Id, partOf(attributes.Target));
      }
    },
  });
  const found: WorkbookParts['sheets'] = [];
  let date1904 = false;
  await zip.read(WORKBOOK, {
    open: ({ name, attributes }) => {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (name !== 'sheet') return;
      const id = Object.entries(attributes).find(([key]) => key === 'id' || key.endsWith(':id'))?.[1];
      const part = id === undefined ? undefined : targets.get(id);
      if (attributes.name !== undefined && part !== undefined) found.push({ name: attributes.name, part });
    },
  });
  return { sheets: found, date1904 };
}

/** Every shared string as its plain text: rich-text runs joined, phonetic guides left out. */
async function sharedStrings(zip: ZipParts): Promise<string[]> {
  const strings: string[] = [];
  if (!zip.has('xl/sharedStrings.xml')) return strings;
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = false;
  await zip.read('xl/sharedStrings.xml', {
    open: ({ name }) => {
      if (name === 'si') current = [];
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't') inText = !inPhonetic;
    },
    text: (text) => {
      if (inText && current) current.push(text);
    },
    close: (name) => {
      if (name === 'si' && current) {
        strings.push(current.join(''));
        current = null;
      } else if (name === 'rPh') inPhonetic = false;
      else if (name === 't') inText = false;
    },
  });
  return strings;
}

/** Which cell styles show a date: the style's number format, built in or the workbook's own. */
async function dateStyles(zip: ZipParts): Promise<boolean[]> {
  const styles: boolean[] = [];
  if (!zip.has('xl/styles.xml')) return styles;
  const formats = new Map<number, string>();
  let inCellXfs = false;
  await zip.read('xl/styles.xml', {
    open: ({ name, attributes }) => {
      if (name === 'numFmt' && attributes.numFmtId !== undefined) {
        formats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        styles.push(isDateFormat(Number(attributes.numFmtId ?? 0), formats));
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

export async function readWorkbookParts(zip: ZipParts): Promise<WorkbookParts> {
  if (!zip.has(WORKBOOK)) throw new Error('no workbook part');
  const { sheets: found, date1904 } = await sheets(zip);
  return { sheets: found, sharedStrings: await sharedStrings(zip), dateStyles: await dateStyles(zip), date1904 };
}
