import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxClock } from '../../electron/core/sandbox';
import { launchChromium, openConsole } from '../support/chromium';
import type { ConsoleWithOrders } from './console-with-orders';
import { startConsoleWithOrders } from './console-with-orders';

describe('Bag labels from the search selection, in Chromium', () => {
  let world: ConsoleWithOrders;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'labels-e2e-'));
    world = await startConsoleWithOrders(60, 4, {
      clock: createSandboxClock({ start: Date.parse('2026-11-23T17:00:00Z'), frozen: true }),
    });
    browser = await launchChromium();
    ({ page } = await openConsole(browser, world.running.host.openUrl));
    await page.getByTestId('online-state').filter({ hasText: 'online' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads a PDF of the ticked orders, one page per bag, windows labelled with their zone', async () => {
    const boxes = page.getByRole('checkbox', { name: /^Pick order .* for staging$/ });
    await boxes.nth(1).waitFor();
    const picked = [0, 1].map(async (n) => (await boxes.nth(n).getAttribute('aria-label'))!.split(' ')[2]!);
    const ids = await Promise.all(picked);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const saving = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Labels (PDF)' }).click();
    const download = await saving;
    expect(download.suggestedFilename()).toMatch(/^bag-labels-4x6-.*\.pdf$/);
    const file = join(dir, 'labels.pdf');
    await download.saveAs(file);
    const bags = ids.map((id) => Math.max(1, world.demo(Number(id.slice(2))).bagsCount)).reduce((a, b) => a + b, 0);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(new RegExp(`Pages:\\s+${bags}\\b`));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    for (const id of ids) expect(text).toContain(id);
    expect(text).toMatch(/ P[SD]T|ES?T/);
    await page
      .getByRole('status')
      .filter({ hasText: `${bags} labels saved` })
      .waitFor();
  });
});
