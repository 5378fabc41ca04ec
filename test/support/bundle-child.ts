import { build } from 'esbuild';
import { join } from 'node:path';
import { repoRoot } from '../../electron/launch/paths';

/**
 * Bundles a script a test starts as a child process, as the Electron main is bundled: started from the
 * bundle it is ready at once, where tsx takes seconds (and a crash test kills it at a chosen point).
 * `entry` is relative to the repository; answers the bundle's path in `outDir`.
 */
export async function bundleChild(entry: string, outDir: string, name: string): Promise<string> {
  const outfile = join(outDir, name);
  await build({
    entryPoints: [join(repoRoot, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    external: ['better-sqlite3', '@napi-rs/keyring'],
    logLevel: 'warning',
  });
  return outfile;
}
