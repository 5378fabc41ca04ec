import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITER } from '../../electron/core/connect/adaptive-limiter';
import { repoRoot } from '../../electron/launch/paths';
import { launchChromium, openConsole } from '../support/chromium';
import type { TestConsole } from '../support/browser-console';
import { startTestConsole } from '../support/browser-console';
import type { StagingSandbox } from '../support/staging-sandbox';
import { startStagingSandbox } from '../support/staging-sandbox';
import { tempDir } from '../support/temp-dir';
import { bundleStageCli } from '../integration/staging/stage-cli';

const ORDERS = 30;

describe('The staging screen after a reload, in Chromium', () => {
  let env: StagingSandbox;
  let running: TestConsole;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let cli: string;
  const work = tempDir('lastmile-reload-');

  beforeAll(async () => {
    // At most 5 orders a second: the job of 30 is still running when the page is reloaded.
    env = await startStagingSandbox(ORDERS + 20, { faults: { latencyMs: 50 } });
    running = await startTestConsole({
      sandbox: env.sandbox,
      staging: { progressEveryMs: 100 },
      limiter: { ...DEFAULT_LIMITER, maxRate: 5 },
    });
    await running.core.idle();
    cli = await bundleStageCli(work.path);
    browser = await launchChromium();
    ({ page, pageErrors } = await openConsole(browser, running.host.openUrl));
    await page.getByTestId('online-state').filter({ hasText: 'online' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await env?.sandbox.close();
    work.remove();
  });

  const state = () => page.getByTestId('job-state').textContent();

  it('shows a job running after a reload, then finished with its report and retry', async () => {
    const orders = env.stageable.slice(0, ORDERS);
    await page.getByRole('link', { name: 'Bulk staging' }).click();
    await page
      .getByLabel('Or paste the sheet')
      .fill(['order_id,bags_count', ...orders.map((id) => `${id},1`)].join('\n'));
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: `Preview: ${ORDERS} orders to stage` }).waitFor();
    await page.getByLabel('Job name').fill('Night shift');
    await page.getByRole('button', { name: `Start staging ${ORDERS} orders in Sandbox` }).click();
    await page.getByRole('heading', { name: 'Night shift' }).waitFor();
    await expect.poll(async () => Number(await page.getByTestId('count-done').textContent())).toBeGreaterThan(0);
    const jobId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1)!);

    // Reload mid-job: the address names the job, which is shown running, never as stopped.
    await page.reload();
    await page.getByRole('heading', { name: 'Night shift' }).waitFor();
    expect(await state()).toBe('Running');
    expect(Number(await page.getByTestId('count-remaining').textContent())).toBeGreaterThan(0);
    expect(await page.getByText('These jobs stopped').count()).toBe(0);
    await page.getByRole('button', { name: 'Pause' }).waitFor();

    // Every screen shows the running job in the header, linking to it.
    await page.getByRole('link', { name: 'Search' }).click();
    const indicator = page.getByTestId('running-job');
    await indicator.waitFor();
    expect(await indicator.textContent()).toMatch(/Staging Night shift: \d+\/30/);
    expect(await page.getByTestId('unfinished-jobs-banner').count()).toBe(0);
    // The rest meet a busy API for a long while: they fail with the wait, to be retried later.
    env.sandbox.setFaults({ wait2003: 1, wait2003Seconds: 600 });
    await indicator.click();
    await page.getByRole('heading', { name: 'Night shift' }).waitFor();
    await expect.poll(state, { timeout: 30_000 }).toBe('Finished');
    await expect.poll(() => indicator.count()).toBe(0);
    env.sandbox.setFaults({ wait2003: 0 });
    const failed = Number(await page.getByTestId('count-failed').textContent());
    expect(failed).toBeGreaterThan(0);

    // Reload after the end: the finished job, its report and its retry are all still there.
    await page.reload();
    await page.getByRole('heading', { name: 'Night shift' }).waitFor();
    expect(await state()).toBe('Finished');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download report (CSV)' }).click(),
    ]);
    const report = readFileSync((await download.path())!, 'utf8');
    const lines = report.trim().split(/\r?\n/);
    expect(lines).toHaveLength(ORDERS + 1);
    expect(lines.filter((line) => /,failed,/.test(line))).toHaveLength(failed);

    // The same report from the command line, on the console's data folder while the console runs.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [cli, '--report', jobId, '--data-dir', running.dataDir],
      { env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') } },
    );
    expect(stdout.trim().split(/\r?\n/)).toEqual(lines);

    await page.getByRole('button', { name: `Retry failed (${failed})` }).click();
    await page.getByTestId('retry-summary').getByText(`Sent ${failed} failed orders again.`).waitFor();
    await expect.poll(state, { timeout: 30_000 }).toBe('Finished');
    expect(Number(await page.getByTestId('count-done').textContent())).toBe(ORDERS);
    expect(env.audit(orders)).toEqual({ doubled: [], missing: [] });

    // The job stays in the history, with its counts, until it is removed.
    await page.getByRole('button', { name: 'Stage other orders' }).click();
    const history = page.getByRole('region', { name: 'Job history' });
    const row = history.locator(`tr[data-job-id="${jobId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Night shift.*Sandbox.*Finished\s*30\s*0\s*30/);
    await page.reload();
    await row.waitFor();
    await history.getByRole('button', { name: 'Remove Night shift' }).click();
    await history.getByRole('button', { name: 'Remove Night shift' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('shows a job another process runs on the same data folder in the header, until it ends', async () => {
    const sheet = join(work.path, 'elsewhere.csv');
    writeFileSync(
      sheet,
      `order_id,bags_count\n${env.stageable
        .slice(ORDERS, ORDERS + 9)
        .map((id) => `${id},1`)
        .join('\n')}\n`,
    );
    await page.getByRole('link', { name: 'Search' }).click();
    // The API asks every stage to wait 12 s: the other process's job runs (its orders waiting) until then.
    env.sandbox.setFaults({ wait2003: 1, wait2003Seconds: 12 });
    const child = spawn(
      process.execPath,
      [cli, '--csv', sheet, '--env', 'sandbox', '--sandbox-url', env.sandbox.url, '--data-dir', running.dataDir],
      { env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const indicator = page.getByTestId('running-job');
      // Asked for every 5 s while nothing runs here.
      await indicator.waitFor({ timeout: 11_000 }).catch((error: unknown) => {
        throw new Error(`No indicator; the other process printed: ${output}`, { cause: error });
      });
      env.sandbox.setFaults({ wait2003: 0 });
      expect(await indicator.textContent()).toMatch(/Staging Staging .*: \d+\/9/);
      expect(await indicator.getAttribute('title')).toBe(`running in another console (pid ${child.pid})`);
      expect(await exited, output).toBe(0);
      expect(output).toMatch(/finished: 9 of 9 staged/);
      await expect.poll(() => indicator.count(), { timeout: 10_000 }).toBe(0);
    } finally {
      child.kill();
      env.sandbox.setFaults({ wait2003: 0 });
    }
    expect(env.audit(env.stageable.slice(0, ORDERS + 9))).toEqual({ doubled: [], missing: [] });
  });
});
