import { watch } from 'node:fs';
import type { WatchFolderProblem, WatchedImportView } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import type { After, Clock } from '../clock';
import type { Environments } from '../environments/environments';
import { folderImport } from './folder-import';
import type { WatchFolder } from './folder-watcher';
import { FolderWatcher } from './folder-watcher';
import type { ImportService } from './import-service';
import type { Uploads } from './uploads';
import type { WatchedFileRecord, WatchedFiles } from './watched-files';

export interface FolderWatchTuning {
  settleMs?: number;
  rescanMs?: number;
}

/** fs.watch where the platform has it; the watcher's rescans cover a share where it fails. */
export const watchWithFs: WatchFolder = (folder, changed) => {
  try {
    const watcher = watch(folder, () => changed());
    watcher.on('error', () => undefined);
    return () => watcher.close();
  } catch {
    return () => undefined;
  }
};

export function watchedView(record: WatchedFileRecord): WatchedImportView | null {
  if (record.outcome === 'unchanged') return null;
  const imported = record.outcome === 'imported';
  return {
    environmentId: record.environmentId,
    fileName: record.fileName,
    at: new Date(record.seenAtMs).toISOString(),
    outcome: record.outcome,
    newCount: imported ? record.newCount : 0,
    updatedCount: imported ? record.updatedCount : 0,
    errorCount: imported ? record.errorCount : 0,
    message: imported ? null : record.message,
  };
}

/** One folder watcher per environment that has a folder, following the setting as it changes. */
export class FolderWatchers {
  private readonly watchers = new Map<string, { folder: string; watcher: FolderWatcher }>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly deps: {
      environments: Pick<Environments, 'watchFolderOf' | 'watchFolders'>;
      files: WatchedFiles;
      service: ImportService;
      uploads: Uploads;
      clock: Clock;
      after: After;
      watch: WatchFolder;
      recorded: (view: WatchedImportView) => void;
      problemChanged: (change: WatchFolderProblem) => void;
      tuning?: FolderWatchTuning | undefined;
    },
  ) {}

  /** Why the environment's watched folder cannot be read now, or null (also when none is watched). */
  problemOf(environmentId: string): AppError | null {
    return this.watchers.get(environmentId)?.watcher.currentProblem() ?? null;
  }

  startAll(): Promise<void> {
    return Promise.all(this.deps.environments.watchFolders().map(({ id }) => this.sync(id))).then(() => undefined);
  }

  /** Starts, restarts or stops the environment's watcher to match its setting; one change at a time. */
  sync(environmentId: string): Promise<void> {
    const { deps } = this;
    const run = this.queue.then(async () => {
      let folder: string | null;
      try {
        folder = this.deps.environments.watchFolderOf(environmentId);
      } catch {
        folder = null;
      }
      const current = this.watchers.get(environmentId);
      if (current && current.folder === folder) return;
      if (current) {
        this.watchers.delete(environmentId);
        await current.watcher.stop();
        if (current.watcher.currentProblem()) deps.problemChanged({ environmentId, problem: null });
      }
      if (!folder || this.closed) return;
      const watcher = new FolderWatcher({
        environmentId,
        folder,
        files: deps.files,
        clock: deps.clock,
        after: deps.after,
        watch: deps.watch,
        importFile: folderImport({ environmentId, service: deps.service, uploads: deps.uploads }),
        recorded: (record) => {
          const view = watchedView(record);
          if (view) deps.recorded(view);
        },
        problemChanged: (problem) => deps.problemChanged({ environmentId, problem }),
        settleMs: deps.tuning?.settleMs,
        rescanMs: deps.tuning?.rescanMs,
      });
      this.watchers.set(environmentId, { folder, watcher });
      watcher.start();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await Promise.all([...this.watchers.values()].map(({ watcher }) => watcher.stop()));
    this.watchers.clear();
  }
}
