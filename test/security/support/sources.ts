import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../../../electron/launch/paths';

const SOURCE_EXTENSIONS = ['.ts', '.svelte', '.html', '.js', '.css'];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext)) ? [path] : [];
  });
}

/** Every source file of the shipped zones (or of the given folders), relative to the repository. */
export function sourceFiles(dirs: readonly string[] = ['electron', 'shared', 'renderer']): string[] {
  return dirs.flatMap((dir) => walk(join(repoRoot, dir))).map((path) => relative(repoRoot, path));
}

/** `file:line: text` for every line matching the pattern. */
export function findInSources(pattern: RegExp, dirs?: readonly string[]): string[] {
  return sourceFiles(dirs).flatMap((file) =>
    readFileSync(join(repoRoot, file), 'utf8')
      .split('\n')
      .flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  );
}

export function readSource(file: string): string {
  return readFileSync(join(repoRoot, file), 'utf8');
}
