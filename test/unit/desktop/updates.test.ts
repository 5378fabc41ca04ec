import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../electron/core/log/logger';
import type { Updater } from '../../../electron/desktop/updates';
import { startUpdates } from '../../../electron/desktop/updates';
import { tempDir } from '../../support/temp-dir';

/** electron-updater's autoUpdater, isolated: the unit here is when the console agrees to restart. */
class RecordingUpdater extends EventEmitter implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  installs = 0;
  setFeedURL(): void {}
  async checkForUpdates(): Promise<null> {
    return null;
  }
  quitAndInstall(): void {
    this.installs++;
  }
}

describe('updates', () => {
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(() => dir?.remove());

  it('never restarts in the middle of running work, and asks once the work is done', async () => {
    dir = tempDir('lastmile-updates-');
    const logger = createFileLogger({ dir: dir.path });
    const updater = new RecordingUpdater();
    let work = ['a bulk staging job'];
    const timers: (() => void)[] = [];
    const asked: string[] = [];
    startUpdates({
      updater,
      feedUrl: 'https://updates.example.com/',
      runningWork: () => work,
      ask: async (version) => {
        asked.push(version);
        return true;
      },
      logger,
      setTimer: (run) => timers.push(run),
    });
    updater.emit('update-downloaded', { version: '0.3.0' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual([]);
    expect(updater.installs).toBe(0);
    expect(logger.tail(1)[0]).toMatch(/update 0\.3\.0 waits for a bulk staging job to finish/);

    timers.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual([]);

    work = [];
    timers.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual(['0.3.0']);
    expect(updater.installs).toBe(1);
  });

  it('does not restart when a job started while the question was open', async () => {
    dir = tempDir('lastmile-updates-');
    const updater = new RecordingUpdater();
    let work: string[] = [];
    const timers: (() => void)[] = [];
    startUpdates({
      updater,
      feedUrl: 'https://updates.example.com/',
      runningWork: () => work,
      ask: async () => {
        work = ['a bulk staging job'];
        return true;
      },
      logger: createFileLogger({ dir: dir.path }),
      setTimer: (run) => timers.push(run),
    });
    updater.emit('update-downloaded', { version: '0.3.0' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(updater.installs).toBe(0);
    expect(timers).toHaveLength(1);
  });
});
