import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../electron/launch/paths';

/**
 * Electron releases a new major every 8 weeks and supports the latest three
 * (electronjs.org/docs/latest/tutorial/electron-timelines). Anchored on a release seen on npm:
 * 42.0.0 2026-05-06, 43.0.0 2026-07-01, 44.0.0 2026-08-25, 45.0.0 2026-10-21.
 */
const ANCHOR = { major: 45, releasedOn: Date.parse('2026-10-21T00:00:00Z') };
const CADENCE_MS = 56 * 24 * 60 * 60 * 1000;

export function supportedMajors(now: number): number[] {
  const latest = ANCHOR.major + Math.max(0, Math.floor((now - ANCHOR.releasedOn) / CADENCE_MS));
  return [latest - 2, latest - 1, latest];
}

export function electronVersions(): { pinned: string; installed: string } {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const installed = JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  };
  return { pinned: pkg.devDependencies.electron ?? '', installed: installed.version };
}
