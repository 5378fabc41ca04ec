import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestConsole } from '../support/browser-console';
import { startTestConsole } from '../support/browser-console';
import { launchChromium, openConsole } from '../support/chromium';
import { tempDir } from '../support/temp-dir';
import { SHOP_HEADERS, csvOf } from '../integration/shop-import/import-support';

/**
 * The watched folder set on the Import screen of a fresh console on its built-in sandbox: its first-run
 * import of the sandbox's export remembered the mapping of those headers, so a later export the back
 * office drops into the folder is imported with it, and the Search screen says so.
 */
describe('a watched export folder, in Chromium', () => {
  const folders = tempDir('lastmile-watched-');
  let running: TestConsole;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    running = await startTestConsole({ imports: { watchFolders: { settleMs: 200, rescanMs: 300 } } });
    await running.core.idle();
    browser = await launchChromium();
    ({ page, pageErrors } = await openConsole(browser, running.host.openUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    folders.remove();
  });

  it('refuses a folder that is not there, watches one that is, and imports what is dropped into it', async () => {
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    const field = page.getByTestId('watch-folder');
    await field.fill(join(folders.path, 'missing'));
    await page.getByRole('button', { name: 'Watch this folder' }).click();
    await expect.poll(() => page.locator('#watch-error').textContent()).toMatch(/\S/);
    await expect(page.getByTestId('watch-folder-now').count()).resolves.toBe(0);

    const folder = join(folders.path, 'exports');
    mkdirSync(folder);
    await field.fill(folder);
    await page.getByRole('button', { name: 'Watch this folder' }).click();
    await expect.poll(() => page.getByTestId('watch-folder-now').textContent()).toBe(`Watching ${folder}`);

    const line = [...SHOP_HEADERS.map(() => '')];
    line[0] = 'WATCHED-1';
    line[2] = 'Zephyrine Quill';
    line[3] = '(415) 555-0177';
    writeFileSync(join(folder, 'evening-export.csv'), csvOf([SHOP_HEADERS, line]));

    await page.getByRole('link', { name: 'Search' }).click();
    await expect
      .poll(() => page.getByTestId('last-watched-import').textContent(), { timeout: 30_000 })
      .toMatch(/evening-export\.csv:\s+1 new, 0 updated, 0\s+errors/);
    await page.getByRole('combobox', { name: 'Search orders' }).fill('Zephyrine');
    await expect.poll(() => page.locator('[role=option] .id').allTextContents()).toEqual(['WATCHED-1']);

    // The share goes away: the Search screen says so by itself, and no longer once it is back.
    renameSync(folder, `${folder}-away`);
    await expect
      .poll(() => page.getByTestId('watch-folder-problem').textContent(), { timeout: 10_000 })
      .toMatch(/cannot be read: The folder .*exports does not exist\./);
    renameSync(`${folder}-away`, folder);
    await expect.poll(() => page.getByTestId('watch-folder-problem').count(), { timeout: 10_000 }).toBe(0);

    // Reloaded, the Import screen shows the folder it watches and can stop.
    await page.reload();
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByTestId('watch-folder').inputValue()).toBe(folder);
    await page.getByTestId('watch-stop').click();
    await expect.poll(() => page.getByTestId('watch-folder-now').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
