import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITER } from '../../electron/core/connect/adaptive-limiter';
import { launchChromium, openConsole } from '../support/chromium';
import type { TestConsole } from '../support/browser-console';
import { startTestConsole } from '../support/browser-console';
import type { StagingSandbox } from '../support/staging-sandbox';
import { startStagingSandbox } from '../support/staging-sandbox';
import { focused } from './page-checks';
import { shootBothSchemes } from './screens';

const ORDERS = 40;

describe('Bulk staging in Chromium', () => {
  let env: StagingSandbox;
  let running: TestConsole;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    // At most 8 orders a second, so a job of 40 is still running when it is paused, however busy the machine.
    env = await startStagingSandbox(ORDERS + 20, { faults: { latencyMs: 50 } });
    running = await startTestConsole({
      sandbox: env.sandbox,
      staging: { progressEveryMs: 100 },
      limiter: { ...DEFAULT_LIMITER, maxRate: 8 },
    });
    await running.core.idle();
    browser = await launchChromium();
    ({ page, pageErrors } = await openConsole(browser, running.host.openUrl));
    await page.getByTestId('online-state').filter({ hasText: 'online' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await env?.sandbox.close();
  });

  const counts = async () => ({
    state: await page.getByTestId('job-state').textContent(),
    done: Number(await page.getByTestId('count-done').textContent()),
    failed: Number(await page.getByTestId('count-failed').textContent()),
    remaining: Number(await page.getByTestId('count-remaining').textContent()),
  });

  it('CSV in, preview, run with progress, pause, resume after a reload, failures shown, retry failed, report out', async () => {
    const delivery = env.notDispatch[0]!;
    const stageable = env.stageable.slice(0, ORDERS);
    const csv = [
      'order_id,bags_count,bag_label',
      ...stageable.map((id, index) => `${id},${index % 3 === 0 ? '' : 2},Shelf ${index}`),
      'LM-BAD,two,X', // a count that is not a number: reported on its line, not staged
      `${delivery},1,Delivery`, // not a dispatch order: the API refuses it
    ].join('\n');

    await page.getByRole('link', { name: 'Bulk staging' }).click();
    await page.getByRole('heading', { name: 'Choose orders' }).waitFor();
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'sheet.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // The file goes to the core as its bytes, not as text in the paste box.
    await page.getByText('sheet.csv is chosen').waitFor();
    await page.getByRole('group', { name: 'Defaults' }).getByLabel('Bags').fill('1');
    await page.getByRole('group', { name: 'Defaults' }).getByLabel('Items').fill('6');
    await shootBothSchemes(page, 'staging-choose');
    await page.getByRole('button', { name: 'Preview' }).click();

    await page.getByRole('heading', { name: `Preview: ${ORDERS + 1} orders to stage` }).waitFor();
    expect(await focused(page)).toBe('h2#preview-title');
    expect(await page.getByTestId('line-errors').textContent()).toMatch(/Line \d+ \(LM-BAD\):.*bags/i);
    // The default fills only what the sheet left empty; every row can be changed.
    expect(await page.getByLabel(`Bags for order ${stageable[0]}`).inputValue()).toBe('1');
    expect(await page.getByLabel(`Bags for order ${stageable[1]}`).inputValue()).toBe('2');
    expect(await page.getByLabel(`Items for order ${stageable[1]}`).inputValue()).toBe('6');

    // Checked before anything is sent.
    const before = env.sandbox.counters.totals.requests;
    await page.getByLabel(`Bags for order ${stageable[2]}`).fill('-3');
    await page.getByRole('button', { name: /^Start staging/ }).click();
    await page.getByText('1 row needs a fix before the job can start.').waitFor();
    expect(await page.getByLabel(`Bags for order ${stageable[2]}`).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('main').textContent()).toContain('The bags count cannot be negative.');
    await shootBothSchemes(page, 'staging-preview');
    expect(env.sandbox.counters.totals.requests).toBe(before);
    await page.getByLabel(`Bags for order ${stageable[2]}`).fill('4');
    await page.getByLabel('Job name').fill('Evening shift');

    await page.getByRole('button', { name: `Start staging ${ORDERS + 1} orders in Sandbox` }).click();
    await page.getByRole('heading', { name: 'Evening shift' }).waitFor();
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(async () => (await counts()).state).toBe('Paused');
    const paused = await counts();
    expect(paused.done).toBeGreaterThan(0);
    expect(paused.remaining).toBeGreaterThan(0);
    expect(paused.done + paused.failed + paused.remaining).toBe(ORDERS + 1);
    const bar = page.getByRole('progressbar', { name: 'Staging progress' });
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(paused.done + paused.failed);
    expect(await bar.getAttribute('aria-valuetext')).toContain(`${paused.remaining} remaining`);

    // The console is closed mid-job: the next start offers the job for resume. Meanwhile the API turns
    // busy for a long while, so what is sent next fails with its reason, to be retried later.
    await page.reload();
    await page.getByRole('link', { name: 'Search' }).click();
    const banner = page.getByTestId('unfinished-jobs-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('A bulk staging job did not finish.');
    await banner.getByRole('link', { name: 'Review and resume' }).click();
    const offer = page.getByRole('region', { name: 'Unfinished jobs' });
    await offer.getByText('Evening shift').waitFor();
    await shootBothSchemes(page, 'staging-unfinished');
    env.sandbox.setFaults({ wait2003: 1, wait2003Seconds: 600 });
    await offer.getByRole('button', { name: 'Resume Evening shift' }).click();
    await expect.poll(async () => (await counts()).state, { timeout: 30_000 }).toBe('Finished');
    env.sandbox.setFaults({ wait2003: 0 });

    const afterRun = await counts();
    expect(afterRun.done).toBeGreaterThanOrEqual(paused.done);
    expect(afterRun.failed).toBe(ORDERS + 1 - afterRun.done);
    expect(afterRun.remaining).toBe(0);
    const busyRow = page.locator('tbody tr.state-failed').filter({ hasNotText: delivery }).first();
    expect(await busyRow.textContent()).toMatch(/wait until.*Instacart asked to wait 10 min before trying again\./i);
    await shootBothSchemes(page, 'staging-failed');

    await page.getByRole('button', { name: `Retry failed (${afterRun.failed})` }).click();
    // Focus moves once the view has re-rendered without the button that had it.
    await expect.poll(() => focused(page)).toBe('h2#job-title');
    // Away while the retry runs, and back: the screen catches up with what happened meanwhile.
    await page.getByRole('link', { name: 'Search' }).click();
    await page.waitForTimeout(1500);
    await page.getByRole('link', { name: 'Bulk staging' }).click();
    await expect.poll(async () => (await counts()).state, { timeout: 30_000 }).toBe('Finished');
    expect(await counts()).toEqual({ state: 'Finished', done: ORDERS, failed: 1, remaining: 0 });
    // The one order left is the delivery order, with the reason in plain words.
    const failedRows = page.locator('tbody tr.state-failed');
    expect(await failedRows.count()).toBe(1);
    expect(await failedRows.first().getAttribute('data-order-id')).toBe(delivery);
    expect(await failedRows.first().textContent()).toMatch(/would not stage .*check that this is a dispatch order/);
    await shootBothSchemes(page, 'staging-finished');
    expect(env.audit(stageable)).toEqual({ doubled: [], missing: [] });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download report (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^staging-report-.*\.csv$/);
    const report = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(report).toHaveLength(ORDERS + 2);
    expect(report[0]).toMatch(/^order_id,/);
    const deliveryLine = report.find((line) => line.startsWith(`${delivery},`));
    expect(deliveryLine).toMatch(/failed/);
    expect(deliveryLine).toMatch(/dispatch order/);
    for (const id of stageable) expect(report.find((line) => line.startsWith(`${id},`))).toMatch(/staged|done/);
    expect(pageErrors).toEqual([]);
  });

  it('stages orders ticked in the search results', async () => {
    await page.getByRole('button', { name: 'Stage other orders' }).click();
    await page.getByRole('link', { name: 'Search' }).click();
    const boxes = page.getByRole('checkbox', { name: /^Pick order .* for staging$/ });
    await boxes.nth(1).waitFor();
    const picked = [
      (await boxes.nth(0).getAttribute('aria-label'))!.split(' ')[2]!,
      (await boxes.nth(1).getAttribute('aria-label'))!.split(' ')[2]!,
    ];
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    // Ticking does not open the order.
    expect(await page.getByRole('heading', { name: /^Order / }).count()).toBe(0);
    await page.getByRole('button', { name: 'Stage selected (2)' }).click();
    await page.getByRole('radio', { name: 'Picked in search (2)' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Picked in search (2)' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Preview: 2 orders to stage' }).waitFor();
    for (const id of picked) await page.getByRole('rowheader', { name: id }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
