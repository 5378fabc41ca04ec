import type { CoreHarness } from '../../support/core-harness';
import type { ImportInspection, ImportJobView, ImportMapping } from '../../../shared/contract';

/** The sandbox's shop export's header row, as the sandbox serves it. */
export const SHOP_HEADERS = [
  'Order #',
  'Customer ID',
  'Customer Name',
  'Phone',
  'Address',
  'Apt/Suite',
  'Ship To Zip',
  'Store #',
  'Delivery Start',
  'Delivery End',
  'Bag Label',
  'Items',
  'Bags',
  'Weight (lb)',
  'Tip',
];

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function csvOf(rows: string[][], delimiter = ','): string {
  return rows.map((row) => row.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

/** Sends a file the way the renderer does: base64 chunks, the last one marked. */
export async function upload(harness: CoreHarness, name: string, bytes: Buffer, chunk = 64 * 1024): Promise<string> {
  let uploadId: string | undefined;
  for (let at = 0; at < bytes.length || uploadId === undefined; at += chunk) {
    const piece = bytes.subarray(at, at + chunk);
    const answer = await harness.value<{ uploadId: string }>('imports:upload', {
      ...(uploadId ? { uploadId } : {}),
      name,
      chunkBase64: piece.toString('base64'),
      last: at + chunk >= bytes.length,
    });
    uploadId = answer.uploadId;
  }
  return uploadId;
}

export const inspect = (
  harness: CoreHarness,
  uploadId: string,
  extra: { sheet?: string; mapping?: ImportMapping } = {},
) => harness.call<ImportInspection>('imports:inspect', { environmentId: 'sandbox', uploadId, ...extra });

/** Starts an import and waits until it is done. */
export async function runImport(harness: CoreHarness, uploadId: string, mapping: ImportMapping, sheet?: string) {
  const started = await harness.value<ImportJobView>('imports:start', {
    environmentId: 'sandbox',
    uploadId,
    mapping,
    ...(sheet ? { sheet } : {}),
  });
  await harness.core.idle();
  return harness.value<ImportJobView>('imports:job', { environmentId: 'sandbox', jobId: started.id });
}
