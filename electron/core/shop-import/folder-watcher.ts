import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppError } from '../../../shared/result';
import type { After, Clock } from '../clock';
import { isCoreError } from '../core-error';
import { checkWatchFolder } from '../environments/watch-folder-check';
import type { SeenFile } from './folder-scan';
import { SettleTracker, listExports } from './folder-scan';
import type { WatchOutcome, WatchedFileRecord, WatchedFiles } from './watched-files';

/** Starts watching `folder` and calls `changed` on any event; answers a stop. Real one wraps fs.watch. */
export type WatchFolder = (folder: string, changed: () => void) => () => void;

export interface FolderWatcherDeps {
  environmentId: string;
  folder: string;
  files: WatchedFiles;
  clock: Clock;
  after: After;
  watch: WatchFolder;
  /** Imports one complete file through the import service; a bad file answers 'failed', never throws. */
  importFile: (path: string, file: SeenFile) => Promise<WatchOutcome>;
  /** Told each recorded outcome, for the live "Last import" line. */
  recorded: (record: WatchedFileRecord) => void;
  /** Told when the folder stops (a problem) or starts again (null) being readable. */
  problemChanged: (problem: AppError | null) => void;
  /** fs.watch misses events on network shares, so the folder is also rescanned this often. */
  rescanMs?: number;
  settleMs?: number;
}

/**
 * Imports each new or changed export dropped into an environment's folder, one file at a time, and
 * never the same version (size+mtime) twice, also after a restart, since the versions are kept.
 */
export class FolderWatcher {
  private readonly tracker: SettleTracker;
  private stopWatch: (() => void) | undefined;
  private cancelRescan: (() => void) | undefined;
  private running: Promise<void> = Promise.resolve();
  private again = false;
  private busy = false;
  private stopped = false;
  private problem: AppError | null = null;

  constructor(private readonly deps: FolderWatcherDeps) {
    this.tracker = new SettleTracker(deps.settleMs ?? 2_000);
  }

  start(): void {
    this.stopWatch = this.deps.watch(this.deps.folder, () => this.poke());
    this.poke();
  }

  /** Why the folder cannot be read at the last scan, or null. */
  currentProblem(): AppError | null {
    return this.problem;
  }

  /** Resolves once the scan under way (and any it asked for) is done; for callers that wait. */
  idle(): Promise<void> {
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopWatch?.();
    this.cancelRescan?.();
    await this.running;
  }

  /** Asks for a scan; events arriving while one runs fold into a single next scan. */
  poke(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.running = this.loop();
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.scanOnce();
      } while (this.again && !this.stopped);
    } finally {
      this.busy = false;
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.cancelRescan?.();
    this.cancelRescan = this.deps.after(this.deps.rescanMs ?? 10_000, () => this.poke());
  }

  private async scanOnce(): Promise<void> {
    const { deps } = this;
    let scan: SeenFile[];
    try {
      scan = await listExports(deps.folder);
    } catch {
      // The share may be offline for a while: say so, and the next rescan tries again.
      this.report(await this.whyUnreadable());
      return;
    }
    this.report(null);
    for (const file of this.tracker.settled(scan, deps.clock.now())) {
      if (this.stopped) return;
      const version = { environmentId: deps.environmentId, ...file };
      if (deps.files.has(version)) continue;
      const path = join(deps.folder, file.fileName);
      let sha256: string;
      try {
        sha256 = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
      } catch {
        continue; // moved away since the scan; the next one sees what is there
      }
      if (deps.files.hasContent(deps.environmentId, file.fileName, sha256)) {
        deps.files.record(version, sha256, { outcome: 'unchanged' }, deps.clock.now());
        continue;
      }
      const outcome = await deps.importFile(path, file);
      deps.recorded(deps.files.record(version, sha256, outcome, deps.clock.now()));
    }
  }

  private report(problem: AppError | null): void {
    if (problem?.message === this.problem?.message) return;
    this.problem = problem;
    this.deps.problemChanged(problem);
  }

  /** The folder check's own words (gone, not a folder, no access), with when the console looks again. */
  private async whyUnreadable(): Promise<AppError> {
    const again = `The console looks again every ${Math.max(1, Math.round((this.deps.rescanMs ?? 10_000) / 1000))} s and imports what it finds then.`;
    try {
      await checkWatchFolder(this.deps.folder);
    } catch (error) {
      if (isCoreError(error)) {
        return { ...error.appError, hint: `${error.appError.hint ?? ''} ${again}`.trim() };
      }
    }
    return {
      code: 'watch_folder_invalid',
      message: `The folder ${this.deps.folder} could not be listed.`,
      hint: again,
    };
  }
}
