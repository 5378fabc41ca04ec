import { readFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { repoRoot } from '../../../electron/cli/paths';
import { tempDir } from '../../support/temp-dir';
import type { FakeElectron } from './fake-electron';
import { createFakeElectron } from './fake-electron';

export const mainBundle = join(repoRoot, 'dist-electron', 'main.cjs');
export const preloadBundle = join(repoRoot, 'dist-electron', 'preload.cjs');

/** Runs a CommonJS bundle as Node would, except that `require('electron')` gets the fake. */
function runBundle(file: string, electron: FakeElectron): void {
  const realRequire = createRequire(file);
  const requireWithFake = Object.assign((id: string) => (id === 'electron' ? electron.module : realRequire(id)), {
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
export async function startShell(): Promise<RunningShell> {
  const dir = tempDir('lastmile-shell-');
  const electron = createFakeElectron({ userData: dir.path });
  runBundle(mainBundle, electron);
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
