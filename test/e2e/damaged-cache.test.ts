import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '../../electron/core/cache/cache';
import type { Sandbox } from '../../electron/core/sandbox';
import { demoOrderAt, startSandbox } from '../../electron/core/sandbox';
import { loadSandboxOrders } from '../bench/sandbox-orders';
import { damagePages, sha256 } from '../integration/cache/damage';
import type { TestConsole } from '../support/browser-console';
import { startTestConsole } from '../support/browser-console';
import { launchChromium, openConsole } from '../support/chromium';
import { tempDir } from '../support/temp-dir';

const COUNT = 2000;
const SEED = 3;

describe('a damaged cache file, in Chromium', () => {
  const data = tempDir('lastmile-e2e-damaged-');
  const file = join(data.path, 'lastmile.db');
  let sandbox: Sandbox;
  let running: TestConsole;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let damagedHash: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ orders: COUNT, seed: SEED });
    const cache = openCache(file);
    await loadSandboxOrders(cache, 'sandbox', { count: COUNT, seed: SEED, now: sandbox.clock.now() }, sandbox.url);
    cache.close();
    damagePages(file, 256, 64 * 1024);
    damagedHash = sha256(file);
    running = await startTestConsole({ dataDir: data.path, sandbox });
    browser = await launchChromium();
    ({ page, pageErrors } = await openConsole(browser, running.host.openUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await sandbox?.close();
    data.remove();
  });

  it('says so on every screen, answers searches with the reason, and rebuilds after a confirmation', async () => {
    const banner = page.getByTestId('cache-problem-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/is damaged.*no longer writes to it/s);
    const order = demoOrderAt({ count: COUNT, seed: SEED, now: sandbox.clock.now() }, 5);
    await page.getByRole('combobox', { name: 'Search orders' }).fill(order.orderId);
    await expect.poll(() => page.locator('main').textContent()).toMatch(/is damaged/);
    expect(await page.locator('main').textContent()).not.toMatch(/No orders match|internal/i);
    for (const link of ['Bulk staging', 'Audit log']) {
      await page.getByRole('link', { name: link }).click();
      expect(await banner.isVisible()).toBe(true);
    }
    expect(sha256(file)).toBe(damagedHash);

    await page.getByRole('button', { name: 'Set the damaged file aside and rebuild' }).click();
    expect(await banner.textContent()).toMatch(/orders are fetched again/);
    await page.getByRole('button', { name: 'Rebuild now' }).click();
    const done = page.getByTestId('cache-rebuilt-banner');
    await done.waitFor();
    expect(await done.textContent()).toMatch(
      /A new cache was started; the damaged file was kept as .*lastmile\.damaged-/,
    );
    expect(await banner.count()).toBe(0);
    const aside = readdirSync(data.path).find((name) => /^lastmile\.damaged-.*\.db$/.test(name))!;
    expect(sha256(join(data.path, aside))).toBe(damagedHash);
    expect(existsSync(file)).toBe(true);

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Continue' }).click()]);
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByRole('combobox', { name: 'Search orders' }).fill(order.orderId);
    // Orders are not copied: the new cache learns them again from the API.
    await expect.poll(() => page.locator('main').textContent()).toMatch(/\b0 orders\b/);
    expect(await page.locator('main').textContent()).not.toMatch(/is damaged/);
    expect(await page.getByTestId('cache-problem-banner').count()).toBe(0);
    expect(await done.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
