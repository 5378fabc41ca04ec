import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench [-- name...]`: runs every test/bench/*.bench.ts in turn, each in its own process so
 * each one's peak memory is its own. Names on the command line pick some (`npm run bench -- search`).
 */
const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const modules = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => wanted.length === 0 || wanted.some((name) => file.startsWith(name)))
  .sort();
if (modules.length === 0) {
  process.stderr.write(
    `No benchmark matches ${wanted.join(', ')}; the benchmarks are the *.bench.ts files in test/bench.\n`,
  );
  process.exit(1);
}
let failed = 0;
for (const file of modules) {
  process.stdout.write(`\n== ${file}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
