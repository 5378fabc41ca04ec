import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { bundleChild } from '../../support/bundle-child';
import { repoRoot } from '../../../electron/launch/paths';

/**
 * `npm run stage` bundled into one CommonJS file, as `npm run build:electron` bundles the main process:
 * a child started from it is ready in a fraction of a second, where tsx takes seconds on a busy machine.
 */
export async function bundleStageCli(outDir: string): Promise<string> {
  return bundleChild('electron/cli/stage.ts', outDir, 'stage.cjs');
}

export interface StageChild {
  child: ChildProcess;
  /** Every JSON line the child printed so far. */
  events: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Runs the bundled CLI with `--json`; native modules resolve from the repository's node_modules. */
export function runStageCli(cli: string, args: string[], env: Record<string, string> = {}): StageChild {
  const child = spawn(process.execPath, [cli, ...args, '--json'], {
    env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: Record<string, unknown>[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, events, exited };
}
