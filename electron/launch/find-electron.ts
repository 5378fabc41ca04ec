import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Finds the Electron binary, letting the electron package download it once if it is missing (it
 * does so on first run). Its own installer prints a stack trace on failure, so it runs quietly here
 * and the caller reports one line.
 */
export function findElectronBinary(timeoutMs = 180_000): ElectronBinary {
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  }
  const binaryPath = () => {
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const full = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(full) ? full : null;
  };
  const present = binaryPath();
  if (present) return { ok: true, path: present };
  const install = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    stdio: 'pipe',
    timeout: timeoutMs,
    encoding: 'utf8',
  });
  const downloaded = binaryPath();
  if (downloaded) return { ok: true, path: downloaded };
  const detail = `${install.stderr ?? ''}`
    .split('\n')
    .find((line) => /error/i.test(line))
    ?.trim();
  return { ok: false, reason: `its binary could not be downloaded${detail ? `: ${detail.slice(0, 120)}` : ''}` };
}
