import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../electron/launch/paths';
import { FLOW_LABELS, MAIN_FLOWS } from '../electron/labels';

/**
 * The real-app tests cannot run here (no Electron binary); what can be checked is that they are wired:
 * the script, the flows they go through, the labels they click, and the CI workflow that runs them.
 */

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { 'runs-on': string; strategy?: { matrix?: { os?: string[] } }; steps: Step[] }>;
}

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

function rendererSources(dir = join(repoRoot, 'renderer')): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) =>
      entry.isDirectory()
        ? rendererSources(join(dir, entry.name))
        : /\.(svelte|ts)$/.test(entry.name)
          ? readFileSync(join(dir, entry.name), 'utf8')
          : '',
    )
    .join('\n');
}

describe('the real-app tests', () => {
  it('have a script that builds the app first and runs only the Electron flows', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['test:electron']).toBe('npm run build && vitest run --config test/electron/vitest.config.ts');
    expect(read('test/electron/vitest.config.ts')).toContain("include: ['test/electron/**/*.electron.ts']");
    // The default projects never pick the flows up: they would fail where the binary is missing.
    expect(read('vite.config.ts')).not.toMatch(/test\/electron|\.electron\.ts/);
  });

  it('go through the main flows of the browser e2e tests, in order', () => {
    expect(MAIN_FLOWS).toEqual(['start on the sandbox', 'search', 'open an order', 'edit', 'stage']);
    const flows = read('test/electron/main-flows.electron.ts');
    expect(flows).toContain("import { _electron } from 'playwright-core'");
    expect([...flows.matchAll(/\bit\(MAIN_FLOWS\[(\d)\]/g)].map((match) => Number(match[1]))).toEqual([0, 1, 2, 3, 4]);
  });

  it('click only labels the renderer still has', () => {
    const sources = rendererSources();
    for (const [key, label] of Object.entries(FLOW_LABELS)) expect(sources, key).toContain(label);
  });

  it('run in hosted CI on Linux (xvfb), macOS and Windows, which then builds the installers', () => {
    const workflow = parse(read('.github/workflows/desktop.yml')) as Workflow;
    const job = workflow.jobs.desktop;
    expect(job?.strategy?.matrix?.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    const steps = job?.steps ?? [];
    const runs = steps.map((step) => step.run ?? '');
    const index = (pattern: RegExp) => runs.findIndex((run) => pattern.test(run));
    const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(Number(setupNode?.with?.['node-version'])).toBeGreaterThanOrEqual(22);
    const linuxRun = steps.find((step) => /xvfb-run .*npm run test:electron/.test(step.run ?? ''));
    expect(linuxRun?.if).toBe("runner.os == 'Linux'");
    expect(steps.find((step) => step.run === 'npm run test:electron')?.if).toBe("runner.os != 'Linux'");
    expect(index(/^npm ci$/)).toBeGreaterThan(-1);
    expect(index(/^npm ci$/)).toBeLessThan(index(/test:electron/));
    expect(index(/test:electron/)).toBeLessThan(index(/^npm run dist$/));
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(String(upload?.with?.path)).toMatch(/\.dmg[\s\S]*\.exe[\s\S]*\.AppImage/);
  });

  it('say where they can run', () => {
    const binary = existsSync(join(repoRoot, 'node_modules', 'electron', 'path.txt'));
    if (!binary)
      console.info(
        "test:electron: the real-app tests need Electron's binary; run `npm run test:electron` where it can be downloaded (hosted CI does).",
      );
    expect(read('README.md')).toContain('npm run test:electron');
  });
});
