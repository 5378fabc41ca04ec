import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BulkLoadResult, BulkOrder } from '../../electron/core/orders/bulk-load';
import { bulkLoadOrders } from '../../electron/core/orders/bulk-load';
import type { Cache } from '../../electron/core/cache/cache';
import type { DemoDataConfig } from '../../electron/core/sandbox';
import { demoOrders } from '../../electron/core/sandbox';
import { presentOrder } from '../../electron/core/sandbox/present';
import { fromDemo } from '../../electron/core/sandbox/state';
import { proposeMapping } from '../../electron/core/shop-import/header-aliases';
import { createImportJournal } from '../../electron/core/shop-import/import-journal';
import { readHead } from '../../electron/core/shop-import/import-preview';
import { readExport } from '../../electron/core/shop-import/import-reader';
import { createShopWriter } from '../../electron/core/shop-import/shop-writer';
import { tempDir } from '../support/temp-dir';

/** Said by every bench that loads orders this way, so a figure is read knowing what was measured. */
export const HOW_THE_ORDERS_ARE_MADE =
  "orders made as a console learns them: the sandbox's shop export (CSV) read by the import's own reader, " +
  "then the sandbox's get answer for each order written through the console's bulk write path";

export interface SandboxLoad {
  /** Writing the shop export file (the back office's part, not the console's). */
  exportMs: number;
  /** Reading the export into the cache: the import's read stage. */
  importMs: number;
  /** Writing Instacart's answers: the bulk path every batch of gets goes through. */
  answersMs: number;
  /** Making the sandbox's answers, apart from writing them (the sandbox's part). */
  answeringMs: number;
  answers: BulkLoadResult;
}

/**
 * Fills `cache` with the sandbox's demo orders the way the product learns them: the customer from the
 * shop's export, read by the same reader an import of a user's file runs (journal, mapping proposed
 * from the headers, values checked per line), and the status and window from the sandbox's answer to a
 * get for each order (as the sandbox serves it at `config.now`), written as the import's fetch stage
 * would, in bulk. The import job is left finished, every order asked about, so a console opening the
 * cache resumes nothing.
 */
export async function loadSandboxOrders(
  cache: Cache,
  environmentId: string,
  config: DemoDataConfig,
  sandboxUrl = 'http://127.0.0.1:4010',
): Promise<SandboxLoad> {
  const folder = tempDir('lastmile-shop-export-');
  try {
    const file = join(folder.path, 'shop-export.csv');
    let started = performance.now();
    await writeExport(file, config);
    const exportMs = performance.now() - started;

    started = performance.now();
    const { db } = cache.database;
    const journal = createImportJournal(db);
    const head = await readHead(file, 'csv');
    const job = journal.create({
      id: randomBytes(16).toString('hex'),
      environmentId,
      fileName: 'shop-export.csv',
      uploadId: randomBytes(16).toString('hex'),
      sheet: null,
      mapping: proposeMapping(head.headers),
      state: 'reading',
      createdMs: config.now,
    });
    await readExport(
      {
        db,
        journal,
        writer: createShopWriter(db),
        now: () => config.now,
        // Every order is asked about, as after a day in which each was opened or watched.
        liveFromMs: () => 0,
        stopped: () => false,
        onBatch: () => {},
      },
      job,
      file,
      'csv',
    );
    if (job.counts.refused > 0 || job.counts.created !== config.count) {
      throw new Error(`The shop export's import refused lines: ${JSON.stringify(job.counts)}`);
    }
    const importMs = performance.now() - started;

    started = performance.now();
    const answering = { ms: 0 };
    const answers = bulkLoadOrders(cache.database, environmentId, sandboxAnswers(config, sandboxUrl, answering), {
      source: 'import',
      expectedCount: config.count,
    });
    const answered = db
      .prepare(`UPDATE import_rows SET state = 'done' WHERE job_id = ? AND state = 'pending'`)
      .run(job.id).changes;
    job.counts.fetched = answered;
    job.state = 'finished';
    journal.save(job, config.now);
    const answersMs = performance.now() - started - answering.ms;
    answers.writeMs -= answering.ms;
    return { exportMs, importMs, answersMs, answeringMs: answering.ms, answers };
  } finally {
    folder.remove();
  }
}

/** The shop's back office writes the export: in a process of its own, as its memory is not the console's. */
async function writeExport(file: string, config: DemoDataConfig): Promise<void> {
  const child = join(import.meta.dirname, 'shop-export-child.ts');
  const args = [file, config.count, config.seed, config.now].map(String);
  await promisify(execFile)(process.execPath, ['--import', 'tsx', child, ...args]);
}

/**
 * The sandbox's answer to a get of each demo order: status and window, no customer. Made inside the
 * bulk write's loop, so the time spent making them is added to `spent` and left out of the write's.
 */
function* sandboxAnswers(config: DemoDataConfig, sandboxUrl: string, spent: { ms: number }): Generator<BulkOrder> {
  let started = performance.now();
  for (const demo of demoOrders(config)) {
    const answer = { api: presentOrder(fromDemo(demo), config.now, sandboxUrl), userId: demo.userId };
    spent.ms += performance.now() - started;
    yield answer;
    started = performance.now();
  }
  spent.ms += performance.now() - started;
}
