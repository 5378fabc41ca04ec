import { readFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { repoRoot } from '../../../electron/launch/paths';
import { tempDir } from '../../support/temp-dir';
import type { FakeElectron, FakeElectronOptions } from './fake-electron';
import { createFakeElectron } from './fake-electron';

export const mainBundle = join(repoRoot, 'dist-electron', 'main.cjs');
export const preloadBundle = join(repoRoot, 'dist-electron', 'preload.cjs');

/** Runs a CommonJS bundle as Node would, except that `require('electron')` gets the fake. */
function runBundle(file: string, electron: FakeElectron): void {
  const realRequire = createRequire(file);
  const fakes: Record<string, unknown> = { electron: electron.module, 'electron-updater': electron.updaterModule };
  const requireWithFake = Object.assign((id: string) => fakes[id] ?? realRequire(id), {
    resolve: realRequire.resolve,
  });
  const module = { exports: {} };
  const compiled = runInThisContext(wrap(readFileSync(file, 'utf8')), { filename: file }) as (
    ...args: unknown[]
  ) => void;
  compiled.call(module.exports, module.exports, requireWithFake, module, file, dirname(file));
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`The shell never got to: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface RunningShell {
  electron: FakeElectron;
  dataDir: string;
  close(): Promise<void>;
}

/** The built Electron main (`dist-electron/main.cjs`), started against the fake on a temp data folder. */
export async function startShell(
  options: Omit<FakeElectronOptions, 'userData'> & { beforeStart?: (dataDir: string) => void } = {},
): Promise<RunningShell> {
  const dir = tempDir('lastmile-shell-');
  options.beforeStart?.(dir.path);
  const electron = createFakeElectron({ ...options, userData: dir.path });
  const realArgv = process.argv;
  // The shell reads a launch link from its command line, as Windows and Linux pass it.
  if (options.argv) process.argv = options.argv;
  try {
    runBundle(mainBundle, electron);
  } finally {
    process.argv = realArgv;
  }
  await waitFor(() => electron.windows.length > 0, 'opening its window');
  return {
    electron,
    dataDir: dir.path,
    async close() {
      electron.app.emit('will-quit');
      // main.ts does not await core.close(); give it a moment before the folder goes.
      await new Promise((resolve) => setTimeout(resolve, 200));
      dir.remove();
    },
  };
}

/** The built preload (`dist-electron/preload.cjs`), run against the fake. */
export function runPreload(): FakeElectron {
  const electron = createFakeElectron({ userData: '' });
  runBundle(preloadBundle, electron);
  return electron;
}
