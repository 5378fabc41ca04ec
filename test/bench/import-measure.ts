import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { ImportJobView, ImportMapping } from '../../shared/contract';
import { openCache } from '../../electron/core/cache/cache';
import type { Clock } from '../../electron/core/clock';
import { realSleep } from '../../electron/core/clock';
import { ConnectClient } from '../../electron/core/connect/connect-client';
import { Limiters } from '../../electron/core/connect/limiters';
import type { Credentials } from '../../electron/core/connect/token-cache';
import { ImportService } from '../../electron/core/shop-import/import-service';
import { Uploads } from '../../electron/core/shop-import/uploads';
import { UserFirst } from '../../electron/core/shop-import/user-first';

export interface ImportRun {
  /** Sending the file to the core in chunks, as the Import screen does. */
  uploadMs: number;
  /** From the start of the import to the file read into the cache (the job asking Instacart, or done). */
  readMs: number;
  /** From the file read to the last answer of Instacart. */
  fetchMs: number;
  job: ImportJobView;
}

export interface ImportRunOptions {
  dataDir: string;
  file: string;
  clock: Clock;
  /** Instacart (the sandbox) for the gets; none when the import asks nothing. */
  api?: { url: string; credentials: Credentials };
  /** Changes the mapping the console proposed, as a user would on the mapping step. */
  adjust?: (mapping: ImportMapping) => ImportMapping;
}

/** Chunks of the size a renderer sends: the whole file never sits in memory. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * One import of `file` into a fresh cache in `dataDir` through the console's own import service: the
 * file uploaded in chunks, inspected, its proposed mapping taken, read, then Instacart asked.
 */
export async function runImport(options: ImportRunOptions): Promise<ImportRun> {
  const cache = openCache(join(options.dataDir, 'lastmile.db'), { clock: options.clock });
  const uploads = new Uploads(join(options.dataDir, 'imports'));
  let readAt: number | null = null;
  const api = options.api;
  const service = new ImportService({
    cache,
    uploads,
    clientFor: () =>
      new ConnectClient({
        baseUrl: api?.url ?? 'http://127.0.0.1:9',
        credentials: async () => {
          if (!api) throw new Error('This import was not to ask Instacart anything.');
          return api.credentials;
        },
      }),
    clock: options.clock,
    sleep: realSleep,
    emit: (name, payload) => {
      const view = payload as ImportJobView;
      if (name === 'imports:progress' && view.state !== 'reading' && readAt === null) readAt = performance.now();
    },
    userFirst: new UserFirst(),
    limiters: new Limiters(options.clock, realSleep),
  });
  try {
    let started = performance.now();
    let uploadId: string | undefined;
    for await (const chunk of createReadStream(options.file, { highWaterMark: CHUNK_BYTES })) {
      uploadId = (await uploads.append(uploadId, 'export', chunk as Buffer, false)).uploadId;
    }
    uploadId = (await uploads.append(uploadId, 'export', Buffer.alloc(0), true)).uploadId;
    const uploadMs = performance.now() - started;

    started = performance.now();
    const seen = await service.inspect('bench', uploadId);
    const mapping = options.adjust ? options.adjust(seen.mapping) : seen.mapping;
    const first = await service.start('bench', uploadId, seen.sheet ?? undefined, mapping);
    await service.idle();
    const ended = performance.now();
    const job = service.job('bench', first.id);
    const read = readAt ?? ended;
    return { uploadMs, readMs: read - started, fetchMs: ended - read, job };
  } finally {
    await service.close();
    cache.close();
  }
}

/** `import-measure <dataDir> <file> <clockMs>`: one run in a process of its own, so its peak RSS is its own. */
if (process.argv[1]?.endsWith('import-measure.ts')) {
  const [dataDir, file, clockMs] = process.argv.slice(2) as [string, string, string];
  const run = await runImport({ dataDir, file, clock: { now: () => Number(clockMs) } });
  process.stdout.write(`${JSON.stringify({ ...run, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}
