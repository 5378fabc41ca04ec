import type { Logger } from '../core/log/logger';

/** What the console uses of electron-updater's `autoUpdater`. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateDeps {
  updater: Updater;
  feedUrl: string;
  /** What a restart would interrupt now (staging, an import); the restart waits while it is not empty. */
  runningWork(): string[];
  /** Asks the user whether to restart into the given version now. */
  ask(version: string): Promise<boolean>;
  logger: Logger;
  /** How long a ready update waits before asking again while work is running. */
  retryMs?: number;
  setTimer?: (run: () => void, ms: number) => void;
}

export const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

/**
 * Downloads updates in the background from the configured feed and restarts into one only when the user
 * says so and nothing is running. Null when no feed is set: then the console never checks.
 */
export function startUpdates(deps: UpdateDeps): { check(): Promise<void> } | null {
  if (!deps.feedUrl) return null;
  const { updater, logger, retryMs = 60_000, setTimer = (run, ms) => setTimeout(run, ms).unref() } = deps;
  updater.autoDownload = true;
  // Never restart behind the user's back, not even on quit: the next launch offers it again.
  updater.autoInstallOnAppQuit = false;
  updater.setFeedURL({ provider: 'generic', url: deps.feedUrl });

  let asking = false;
  async function offer(version: string): Promise<void> {
    const busy = deps.runningWork();
    if (busy.length > 0) {
      logger.info(`update ${version} waits for ${busy.join(' and ')} to finish`);
      setTimer(() => void offer(version), retryMs);
      return;
    }
    if (asking) return;
    asking = true;
    const yes = await deps.ask(version).finally(() => (asking = false));
    if (!yes) return logger.info(`update ${version} postponed by the user`);
    // A job may have started while the question was open.
    if (deps.runningWork().length > 0) return void offer(version);
    logger.info(`restarting into ${version}`);
    updater.quitAndInstall();
  }

  updater.on('update-downloaded', (info) => void offer(info.version));
  updater.on('error', (error) => logger.warn('update check failed', { error: error.message }));
  const check = async () => {
    try {
      await updater.checkForUpdates();
    } catch (error) {
      logger.warn('update check failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  return { check };
}
