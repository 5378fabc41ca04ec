import { open } from 'node:fs/promises';
import { CoreError } from '../core-error';

export type ExportKind = 'csv' | 'xlsx';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (head: Uint8Array, magic: number[]) => magic.every((byte, i) => head[i] === byte);

/**
 * What a file is, from its first bytes rather than its name: a workbook is a zip; an OLE compound file
 * is an encrypted workbook or an old .xls, which only Excel itself can open; anything else is read as
 * text (the decoder then refuses what is not UTF-8 or UTF-16).
 */
export function exportKindOf(head: Uint8Array): ExportKind {
  if (head.length === 0) {
    throw new CoreError({
      code: 'import_empty',
      message: 'The file is empty.',
      hint: 'Export the orders again from the shop system; the file has no bytes at all.',
    });
  }
  if (startsWith(head, ZIP)) return 'xlsx';
  if (startsWith(head, CFB)) {
    throw new CoreError({
      code: 'import_old_or_encrypted_workbook',
      message:
        'This is a password-protected workbook or an old Excel 97-2003 (.xls) file, which the console cannot read.',
      hint: 'Open it in Excel and save it as .xlsx without a password (File > Save As > Excel Workbook), or as CSV UTF-8.',
    });
  }
  const binary = head.subarray(0, 512).some((byte) => byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b));
  // UTF-16 text has zero bytes; the decoder reads it, so zeros alone do not make a file binary.
  const utf16 = head[0] === 0xff || head[0] === 0xfe || head[1] === 0 || head[0] === 0;
  if (binary && !utf16) {
    throw new CoreError({
      code: 'import_not_a_sheet',
      message: 'This file is neither a CSV nor an Excel workbook (.xlsx).',
      hint: 'Export the orders from the shop system as CSV or as an Excel workbook, and choose that file.',
    });
  }
  return 'csv';
}

export async function exportKindOfFile(path: string): Promise<ExportKind> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(512);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return exportKindOf(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
