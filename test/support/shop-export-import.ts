import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cache } from '../../electron/core/cache/cache';
import { proposeMapping } from '../../electron/core/shop-import/header-aliases';
import { createImportJournal } from '../../electron/core/shop-import/import-journal';
import { readExport } from '../../electron/core/shop-import/import-reader';
import { createShopWriter } from '../../electron/core/shop-import/shop-writer';
import type { ImportCounts } from '../../shared/contract';
import { tempDir } from './temp-dir';

/** One line of a shop's order export, by the header names a shop's back office uses. */
export interface ShopLine {
  'Order #': string;
  'Customer ID'?: string;
  'First Name'?: string;
  'Last Name'?: string;
  Phone?: string;
  Address?: string;
  Zip?: string;
  'Store #'?: string;
  'Bag Label'?: string;
}

const HEADERS: (keyof ShopLine)[] = [
  'Order #',
  'Customer ID',
  'First Name',
  'Last Name',
  'Phone',
  'Address',
  'Zip',
  'Store #',
  'Bag Label',
];

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

let jobs = 0;

/**
 * Puts the shop's customer details into a cache the one way the console learns them without a create
 * it sent: a CSV export read by the import's own reader, with the mapping the console proposes for
 * its headers. No Instacart get follows; tests that need Instacart's status load its answers after.
 */
export async function importShopLines(cache: Cache, environmentId: string, lines: ShopLine[]): Promise<ImportCounts> {
  const dir = tempDir('lastmile-shop-export-');
  try {
    const file = join(dir.path, 'orders.csv');
    const body = lines.map((line) => HEADERS.map((h) => quote(line[h] ?? '')).join(','));
    writeFileSync(file, [HEADERS.join(','), ...body].join('\r\n') + '\r\n');
    const { db } = cache.database;
    const journal = createImportJournal(db);
    const now = () => cache.database.clock.now();
    const job = journal.create({
      id: `test-import-${process.pid}-${++jobs}`,
      environmentId,
      fileName: 'orders.csv',
      uploadId: 'test',
      sheet: null,
      mapping: proposeMapping(HEADERS),
      state: 'reading',
      createdMs: now(),
    });
    await readExport(
      {
        db,
        journal,
        writer: createShopWriter(db),
        now,
        liveFromMs: now,
        stopped: () => false,
        onBatch: () => {},
      },
      job,
      file,
      'csv',
    );
    if (job.counts.refused > 0) throw new Error(`The test's export had ${job.counts.refused} refused lines.`);
    return job.counts;
  } finally {
    dir.remove();
  }
}
