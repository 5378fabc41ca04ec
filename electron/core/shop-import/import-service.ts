import { randomBytes } from 'node:crypto';
import type { ImportInspection, ImportJobView, ImportMapping } from '../../../shared/contract';
import type { Cache } from '../cache/cache';
import type { Clock } from '../clock';
import type { ConnectClient } from '../connect/connect-client';
import type { Sleep } from '../clock';
import { CoreError } from '../core-error';
import type { Emit } from '../events';
import type { Limiters } from '../connect/limiters';
import { exportKindOfFile } from './file-kind';
import { headersKey, proposeMapping } from './header-aliases';
import { fetchPending } from './import-fetcher';
import type { JobRecord } from './import-journal';
import { createImportJournal, jobView } from './import-journal';
import { previewRows, readHead, requireOrderId } from './import-preview';
import { readExport } from './import-reader';
import { createShopWriter } from './shop-writer';
import type { Uploads } from './uploads';
import type { UserFirst } from './user-first';

export interface ImportServiceDeps {
  cache: Cache;
  uploads: Uploads;
  clientFor: (environmentId: string) => ConnectClient;
  clock: Clock;
  sleep: Sleep;
  emit: Emit;
  userFirst: UserFirst;
  /** The environments' limiters, shared with the other background work. */
  limiters: Limiters;
  progressEveryMs?: number | undefined;
}

const DAY_MS = 86_400_000;
const RATE_WINDOW_MS = 5_000;

const notAJob = () =>
  new CoreError({
    code: 'import_unknown',
    message: 'There is no such import in this environment.',
    hint: 'Refresh the Import screen.',
  });

/** Shop-export imports: inspect a file, read it into the cache, then ask Instacart about its orders. */
export class ImportService {
  private readonly journal;
  private readonly writer;
  private readonly running = new Map<string, { stop: AbortController; done: Promise<void> }>();
  private readonly answers = new Map<string, number[]>();
  private lastEmit = 0;
  private closed = false;

  constructor(private readonly deps: ImportServiceDeps) {
    this.journal = createImportJournal(deps.cache.database.db);
    this.writer = createShopWriter(deps.cache.database.db);
  }

  /** Resumes the imports a closed or killed console left under way; keeps their files. */
  async resumeUnfinished(): Promise<void> {
    const jobs = this.journal.unfinished();
    await this.deps.uploads.sweep(new Set(jobs.filter((j) => j.state === 'reading').map((j) => j.uploadId)));
    for (const job of jobs) {
      if (job.state === 'reading' && !(await this.deps.uploads.resumed(job.uploadId, job.fileName))) {
        this.fail(
          job,
          new CoreError({
            code: 'import_file_gone',
            message: 'The file of this import is gone.',
            hint: 'Import the file again: rows already read are not written twice.',
          }),
        );
        continue;
      }
      this.run(job);
    }
  }

  async inspect(
    environmentId: string,
    uploadId: string,
    sheet?: string,
    mapping?: ImportMapping,
  ): Promise<ImportInspection> {
    const { file, kind, head } = await this.head(uploadId, sheet);
    const remembered = mapping ? null : this.journal.remembered(environmentId, headersKey(head.headers));
    const shown = mapping ?? remembered ?? proposeMapping(head.headers);
    return {
      uploadId,
      fileName: file.name,
      kind,
      sheets: head.sheets,
      sheet: kind === 'xlsx' ? (sheet ?? head.sheets[0] ?? null) : null,
      headers: head.headers,
      mapping: shown,
      remembered: remembered !== null,
      rows: previewRows(head, shown),
    };
  }

  /** Checks the file and the mapping as a whole before anything is written, then imports in the background. */
  async start(
    environmentId: string,
    uploadId: string,
    sheet: string | undefined,
    mapping: ImportMapping,
  ): Promise<ImportJobView> {
    requireOrderId(mapping);
    const { file, head } = await this.head(uploadId, sheet);
    const now = this.deps.clock.now();
    this.journal.remember(environmentId, headersKey(head.headers), mapping, now);
    const job = this.journal.create({
      id: randomBytes(16).toString('hex'),
      environmentId,
      fileName: file.name,
      uploadId,
      sheet: sheet ?? null,
      mapping,
      state: 'reading',
      createdMs: now,
    });
    this.run(job);
    return this.view(job);
  }

  /** Waits until the job is no longer running (finished, failed, paused or canceled) and answers it. */
  async settled(environmentId: string, jobId: string): Promise<ImportJobView> {
    await this.running.get(jobId)?.done;
    return this.job(environmentId, jobId);
  }

  job(environmentId: string, jobId: string): ImportJobView {
    return this.view(this.owned(environmentId, jobId));
  }

  last(environmentId: string): ImportJobView | null {
    const job = this.journal.last(environmentId);
    return job ? this.view(job) : null;
  }

  async pause(environmentId: string, jobId: string): Promise<ImportJobView> {
    const job = this.owned(environmentId, jobId);
    if (job.state !== 'fetching') {
      throw new CoreError({
        code: 'import_not_pausable',
        message:
          job.state === 'reading'
            ? 'The file is still being read: it can be paused once Instacart is being asked.'
            : `This import is ${job.state}.`,
        hint: 'Wait for the file to be read, or cancel the import.',
      });
    }
    await this.stop(jobId);
    return this.settleState(jobId, 'paused');
  }

  async resume(environmentId: string, jobId: string): Promise<ImportJobView> {
    const job = this.owned(environmentId, jobId);
    if (job.state !== 'paused') return this.view(job);
    job.state = 'fetching';
    this.journal.save(job, this.deps.clock.now());
    this.run(job);
    return this.view(job);
  }

  async cancel(environmentId: string, jobId: string): Promise<ImportJobView> {
    const job = this.owned(environmentId, jobId);
    if (job.state === 'finished' || job.state === 'canceled' || job.state === 'failed') return this.view(job);
    await this.stop(jobId);
    await this.deps.uploads.discard(job.uploadId);
    return this.settleState(jobId, 'canceled');
  }

  /** Waits for every import under way (tests, the first-run import). */
  /** Whether an import is under way (an update must not restart the console in the middle of one). */
  isRunning(): boolean {
    return this.running.size > 0;
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  /** The upload's file and first lines; a file that cannot be read is dropped, as nothing can come of it. */
  private async head(uploadId: string, sheet: string | undefined) {
    const file = await this.deps.uploads.file(uploadId);
    try {
      const kind = await exportKindOfFile(file.path);
      return { file, kind, head: await readHead(file.path, kind, sheet) };
    } catch (error) {
      // A sheet name that is not in the workbook is the user's pick to change, not the file's fault.
      if (!(error instanceof CoreError && error.appError.code === 'import_no_such_sheet')) {
        await this.deps.uploads.discard(uploadId);
      }
      throw error;
    }
  }

  private owned(environmentId: string, jobId: string): JobRecord {
    const job = this.journal.job(jobId);
    if (!job || job.environmentId !== environmentId) throw notAJob();
    return job;
  }

  private async stop(jobId: string): Promise<void> {
    const run = this.running.get(jobId);
    if (!run) return;
    run.stop.abort();
    await run.done;
  }

  private settleState(jobId: string, state: 'paused' | 'canceled'): ImportJobView {
    const job = this.journal.job(jobId)!;
    job.state = state;
    if (state === 'canceled') this.journal.end(job, this.deps.clock.now());
    else this.journal.save(job, this.deps.clock.now());
    const view = this.view(job);
    this.deps.emit('imports:progress', view);
    return view;
  }

  private run(job: JobRecord): void {
    const stop = new AbortController();
    const done = this.work(job, stop.signal)
      .catch((error: unknown) => {
        if (!stop.signal.aborted) this.fail(job, error);
      })
      .finally(() => this.running.delete(job.id));
    this.running.set(job.id, { stop, done });
  }

  private async work(job: JobRecord, signal: AbortSignal): Promise<void> {
    const { deps } = this;
    const save = () => this.journal.save(job, deps.clock.now());
    if (job.state === 'reading') {
      const file = await deps.uploads.file(job.uploadId);
      await readExport(
        {
          db: deps.cache.database.db,
          journal: this.journal,
          writer: this.writer,
          now: () => deps.clock.now(),
          liveFromMs: () => Math.floor(deps.clock.now() / DAY_MS) * DAY_MS,
          stopped: () => signal.aborted,
          onBatch: () => this.progress(job, false),
          // Building them could hold a closing console for many seconds: the next open does it.
          leaveIndexesDeferred: () => this.closed,
        },
        job,
        file.path,
        await exportKindOfFile(file.path),
      );
      if (signal.aborted) return;
      // Saved first: a kill before the discard leaves a file the next start sweeps, not a job without its file.
      job.state = 'fetching';
      save();
      await deps.uploads.discard(job.uploadId);
      this.progress(job, true);
    }
    let client: ConnectClient;
    try {
      client = deps.clientFor(job.environmentId);
    } catch (error) {
      this.fail(job, error);
      return;
    }
    await fetchPending(
      {
        cache: deps.cache,
        journal: this.journal,
        client,
        limiter: this.deps.limiters.for(job.environmentId),
        sleep: deps.sleep,
        now: () => deps.clock.now(),
        userFirst: () => deps.userFirst.idle(),
        signal,
        onAnswer: () => {
          this.countAnswer(job.id);
          this.progress(job, false);
        },
      },
      job,
      save,
    );
    if (signal.aborted || this.closed) return;
    job.state = 'finished';
    this.journal.end(job, deps.clock.now());
    this.progress(job, true);
  }

  private fail(job: JobRecord, error: unknown): void {
    const appError =
      error instanceof CoreError
        ? { message: error.appError.message, hint: error.appError.hint ?? '' }
        : {
            message: 'The import stopped on an unexpected error.',
            hint: 'Import the file again: rows already read are not written twice.',
          };
    job.state = 'failed';
    job.error = appError;
    this.journal.save(job, this.deps.clock.now());
    void this.deps.uploads.discard(job.uploadId);
    this.progress(job, true);
  }

  private countAnswer(jobId: string): void {
    const now = this.deps.clock.now();
    const times = this.answers.get(jobId) ?? [];
    times.push(now);
    while (times.length > 0 && times[0]! < now - RATE_WINDOW_MS) times.shift();
    this.answers.set(jobId, times);
  }

  private rate(jobId: string): number | null {
    const times = this.answers.get(jobId);
    if (!times || times.length < 2) return null;
    const span = Math.max(1, (times.at(-1)! - times[0]!) / 1000);
    return Math.round((times.length / span) * 10) / 10;
  }

  private progress(job: JobRecord, always: boolean): void {
    const now = this.deps.clock.now();
    if (!always && now - this.lastEmit < (this.deps.progressEveryMs ?? 250)) return;
    this.lastEmit = now;
    this.deps.emit('imports:progress', this.view(job));
  }

  private view(job: JobRecord): ImportJobView {
    return jobView(job, this.journal.problems(job.id), this.rate(job.id));
  }
}
