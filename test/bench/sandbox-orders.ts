import { randomBytes } from 'node:crypto';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BulkLoadResult, BulkOrder } from '../../electron/core/orders/bulk-load';
import { bulkLoadOrders } from '../../electron/core/orders/bulk-load';
import type { Cache } from '../../electron/core/cache/cache';
import type { DemoDataConfig } from '../../electron/core/sandbox';
import { proposeMapping } from '../../electron/core/shop-import/header-aliases';
import { createImportJournal } from '../../electron/core/shop-import/import-journal';
import { readHead } from '../../electron/core/shop-import/import-preview';
import { readExport } from '../../electron/core/shop-import/import-reader';
import { createShopWriter } from '../../electron/core/shop-import/shop-writer';
import { tempDir } from '../support/temp-dir';

/** Said by every bench that loads orders this way, so a figure is read knowing what was measured. */
export const HOW_THE_ORDERS_ARE_MADE =
  "orders made as a console learns them: the sandbox's shop export (CSV) read by the import's own reader, " +
  "then the sandbox's get answer for each order, made in a process of its own and parsed from JSON, written " +
  "through the console's bulk write path";

export interface SandboxLoad {
  /** Writing the shop export file (the back office's part, not the console's). */
  exportMs: number;
  /** Reading the export into the cache: the import's read stage. */
  importMs: number;
  /** Writing Instacart's answers: the bulk path every batch of gets goes through. */
  answersMs: number;
  /** Waiting for the sandbox's answers and parsing them, apart from writing them. */
  answeringMs: number;
  /** Of answeringMs, the console's parse of each answer's JSON. */
  parseMs: number;
  answers: BulkLoadResult;
}

/**
 * Fills `cache` with the sandbox's demo orders the way the product learns them: the customer from the
 * shop's export, read by the same reader an import of a user's file runs (journal, mapping proposed
 * from the headers, values checked per line), and the status and window from the sandbox's answer to a
 * get for each order (as the sandbox serves it at `config.now`, made in a child process and sent as
 * JSON), written as the import's fetch stage would, in bulk. The import job is left finished, every
 * order asked about, so a console opening the cache resumes nothing.
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

    const sandbox = await openAnswers(folder.path, config, sandboxUrl);
    started = performance.now();
    const answering = { ms: 0, parseMs: 0 };
    let answers: BulkLoadResult;
    try {
      answers = bulkLoadOrders(cache.database, environmentId, readAnswers(sandbox, config.count, answering), {
        source: 'import',
        expectedCount: config.count,
      });
    } finally {
      await sandbox.file.close();
    }
    const code = await sandbox.exited;
    if (code !== 0) throw new Error(`The sandbox's answers child exited with ${code}`);
    const answered = db
      .prepare(`UPDATE import_rows SET state = 'done' WHERE job_id = ? AND state = 'pending'`)
      .run(job.id).changes;
    job.counts.fetched = answered;
    job.state = 'finished';
    journal.save(job, config.now);
    const answersMs = performance.now() - started - answering.ms;
    answers.writeMs -= answering.ms;
    return { exportMs, importMs, answersMs, answeringMs: answering.ms, parseMs: answering.parseMs, answers };
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
 * The sandbox's answers, read as they come from its child through a FIFO (so the two overlap, as the
 * console and Instacart do). Opened before the load, since opening waits for the writer; a child that
 * fails before it opens ends the wait with its exit code, and the open still waiting is let go.
 */
async function openAnswers(folder: string, config: DemoDataConfig, sandboxUrl: string): Promise<SandboxAnswers> {
  const fifo = join(folder, 'answers.fifo');
  await promisify(execFile)('mkfifo', [fifo]);
  const script = join(import.meta.dirname, 'sandbox-answers-child.ts');
  const args = [fifo, config.count, config.seed, config.now, sandboxUrl].map(String);
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const reading = open(fifo, 'r');
  const opened = await Promise.race([reading, exited]);
  if (typeof opened === 'number' || opened === null) {
    // Opened for reading and writing, a FIFO does not wait: it is the writer the pending open waits for.
    closeSync(openSync(fifo, 'r+'));
    await (await reading).close();
    throw new Error(`The sandbox's answers child exited with ${opened} before it wrote an answer`);
  }
  return { file: opened, exited };
}

interface SandboxAnswers {
  file: FileHandle;
  exited: Promise<number | null>;
}

/**
 * Each answer as the console gets it: one JSON line parsed. Read synchronously, since the bulk write
 * runs in one transaction; the time spent waiting for the sandbox and parsing is added to `spent.ms`
 * (and parsing alone to `spent.parseMs`) so the write's figure is the write's.
 */
function* readAnswers(
  answers: SandboxAnswers,
  expected: number,
  spent: { ms: number; parseMs: number },
): Generator<BulkOrder> {
  let count = 0;
  const buffer = Buffer.allocUnsafe(1 << 20);
  // Bytes, not text: a chunk may end inside a character.
  let partial: Buffer | null = null;
  let started = performance.now();
  for (;;) {
    const got = readSync(answers.file.fd, buffer, 0, buffer.length, null);
    if (got === 0) break;
    let at = 0;
    for (let end = buffer.indexOf(10, at); end !== -1 && end < got; end = buffer.indexOf(10, at)) {
      const bytes: Buffer =
        partial === null ? buffer.subarray(at, end) : Buffer.concat([partial, buffer.subarray(at, end)]);
      partial = null;
      at = end + 1;
      const parsing = performance.now();
      const answer = JSON.parse(bytes.toString('utf8')) as BulkOrder;
      spent.parseMs += performance.now() - parsing;
      count += 1;
      spent.ms += performance.now() - started;
      yield answer;
      started = performance.now();
    }
    const rest = Buffer.from(buffer.subarray(at, got));
    partial = partial === null ? rest : Buffer.concat([partial, rest]);
  }
  spent.ms += performance.now() - started;
  // Thrown inside the load's transaction, so a sandbox that stopped short leaves nothing half loaded.
  if (count !== expected) throw new Error(`The sandbox answered ${count} of ${expected} gets`);
}
