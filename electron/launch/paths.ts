import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's root, for command-line entry points run from a checkout. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const rendererDist = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
