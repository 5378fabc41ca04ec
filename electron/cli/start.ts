import { spawn } from 'node:child_process';
import { findElectronBinary } from '../launch/find-electron';
import { serveInBrowser } from '../launch/serve-in-browser';
import { repoRoot } from '../launch/paths';
import { run } from './run';

/** An Electron that exits this soon with an error could not start here (no display, missing libraries). */
const EARLY_EXIT_MS = 8_000;

async function launchElectron(binary: string): Promise<string | null> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(binary, [repoRoot], { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    child.once('error', (error) => resolve(error.message));
    child.once('exit', (code) => {
      if (code !== 0 && Date.now() - started < EARLY_EXIT_MS) {
        resolve(stderr.trim().split('\n').pop()?.slice(0, 160) || `it exited with code ${code}`);
      } else process.exit(code ?? 0);
    });
  });
}

run(async () => {
  const binary = findElectronBinary();
  const failure = binary.ok ? await launchElectron(binary.path) : binary.reason;
  if (failure === null) return;
  process.stdout.write(
    `Electron cannot run on this machine (${failure}); serving the console in your browser instead.\n`,
  );
  await serveInBrowser(process.argv.slice(2));
});
