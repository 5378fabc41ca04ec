import { appendFile, mkdtemp, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SeenFile } from '../../../electron/core/shop-import/folder-scan';
import { FolderWatcher } from '../../../electron/core/shop-import/folder-watcher';
import type { WatchOutcome, WatchedFileRecord } from '../../../electron/core/shop-import/watched-files';
import { createWatchedFiles } from '../../../electron/core/shop-import/watched-files';
import type { CacheDatabase } from '../../../electron/core/store/open-database';
import { openDatabase } from '../../../electron/core/store/open-database';
import type { AppError } from '../../../shared/result';

/** Timers the test fires by hand, so no scan happens behind its back. */
function manualTimers() {
  let now = 1_000_000;
  const due: (() => void)[] = [];
  return {
    clock: { now: () => now },
    after: (_ms: number, run: () => void) => {
      due.push(run);
      return () => {
        const at = due.indexOf(run);
        if (at >= 0) due.splice(at, 1);
      };
    },
    advance(ms: number) {
      now += ms;
      due.splice(0).forEach((run) => run());
    },
  };
}

describe('folder watcher', () => {
  let folder = '';
  let db: CacheDatabase | undefined;
  afterEach(async () => {
    db?.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function setup() {
    folder = await mkdtemp(join(tmpdir(), 'watch-folder-'));
    const dbFile = join(folder, '..', `${folder.split('/').pop() ?? 'x'}.db`);
    return dbFile;
  }

  function watcherOn(dbFile: string, timers: ReturnType<typeof manualTimers>, imported: string[]) {
    db = openDatabase(dbFile);
    const records: WatchedFileRecord[] = [];
    const problems: (AppError | null)[] = [];
    let poke: () => void = () => undefined;
    const watcher = new FolderWatcher({
      environmentId: 'sandbox',
      folder,
      files: createWatchedFiles(db),
      clock: timers.clock,
      after: timers.after,
      watch: (_folder, changed) => {
        poke = changed;
        return () => undefined;
      },
      importFile: (path: string, file: SeenFile): Promise<WatchOutcome> => {
        imported.push(`${file.fileName}:${file.size}`);
        return Promise.resolve(
          path.endsWith('odd.csv')
            ? { outcome: 'needs_mapping', message: 'No remembered mapping for these headers.' }
            : { outcome: 'imported', newCount: 1, updatedCount: 0, errorCount: 0 },
        );
      },
      recorded: (r) => records.push(r),
      problemChanged: (problem) => problems.push(problem),
      settleMs: 1000,
    });
    return { watcher, records, problems, poke: () => poke() };
  }

  async function scanAfter(timers: ReturnType<typeof manualTimers>, watcher: FolderWatcher, ms: number) {
    timers.advance(ms);
    await watcher.idle();
  }

  it('imports a settled file once, again when changed, and not again after a restart', async () => {
    const dbFile = await setup();
    const timers = manualTimers();
    const imported: string[] = [];
    const first = watcherOn(dbFile, timers, imported);
    await writeFile(join(folder, 'export.csv'), 'order_id,first_name\n');
    first.watcher.start();
    await first.watcher.idle();
    await appendFile(join(folder, 'export.csv'), 'ORD-1,Ada\n');
    await scanAfter(timers, first.watcher, 1500);
    expect(imported).toEqual([]);
    await scanAfter(timers, first.watcher, 1500);
    expect(imported).toEqual(['export.csv:30']);
    expect(first.records[0]).toMatchObject({ fileName: 'export.csv', outcome: 'imported', newCount: 1 });

    // Touched (new mtime, same content), rescanned, poked: the same content is never imported twice.
    const same = new Date(1_700_000_000_000);
    await utimes(join(folder, 'export.csv'), same, same);
    await scanAfter(timers, first.watcher, 1500);
    await scanAfter(timers, first.watcher, 1500);
    expect(imported).toEqual(['export.csv:30']);
    first.poke();
    await scanAfter(timers, first.watcher, 1500);
    expect(imported).toHaveLength(1);
    expect(first.records).toHaveLength(1);

    await appendFile(join(folder, 'export.csv'), 'ORD-2,Bo\n');
    await writeFile(join(folder, 'odd.csv'), 'x,y\n1,2\n');
    await scanAfter(timers, first.watcher, 1500);
    await scanAfter(timers, first.watcher, 1500);
    expect(imported.slice(1)).toEqual(['export.csv:39', 'odd.csv:8']);
    expect(first.records.at(-1)).toMatchObject({ fileName: 'odd.csv', outcome: 'needs_mapping' });
    await first.watcher.stop();
    db?.close();

    const restarted = watcherOn(dbFile, manualTimers(), imported);
    restarted.watcher.start();
    await restarted.watcher.idle();
    await scanAfter(timers, restarted.watcher, 5000);
    expect(imported).toHaveLength(3);
    await restarted.watcher.stop();
    await rm(dbFile, { force: true });
  });

  it('says when the folder cannot be read, from the first scan on, and when it can again', async () => {
    const dbFile = await setup();
    const away = `${folder}-away`;
    await rename(folder, away);
    const timers = manualTimers();
    const imported: string[] = [];
    const { watcher, problems } = watcherOn(dbFile, timers, imported);
    try {
      watcher.start();
      await watcher.idle();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({
        code: 'watch_folder_invalid',
        message: `The folder ${folder} does not exist.`,
      });
      expect(problems[0]!.hint).toMatch(/looks again every \d+ s/);
      expect(watcher.currentProblem()).toEqual(problems[0]);

      await scanAfter(timers, watcher, 10_000);
      expect(problems).toHaveLength(1); // the same problem is told once

      await rename(away, folder);
      await writeFile(join(folder, 'back.csv'), 'order_id\nA-1\n');
      await scanAfter(timers, watcher, 10_000);
      expect(problems).toEqual([problems[0], null]);
      expect(watcher.currentProblem()).toBeNull();
      await scanAfter(timers, watcher, 10_000);
      expect(imported).toEqual(['back.csv:13']);
    } finally {
      await watcher.stop();
      await rm(away, { recursive: true, force: true });
    }
  });
});
