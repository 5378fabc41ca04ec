import { describe, expect, it } from 'vitest';
import { consoleInChromium } from '../support/console-in-chromium';
import { openConsole } from '../support/chromium';
import { focused, watchCsp } from './page-checks';

describe('the console shell', () => {
  const world = consoleInChromium();

  it('has landmarks, a focused search box, keyboard shortcuts back to it, and no CSP violations', async () => {
    const { page, pageErrors, context } = await openConsole(world.browser, 'about:blank');
    const violations = await watchCsp(page);
    await page.goto(world.running.host.openUrl);

    await expect.poll(() => focused(page)).toBe('input#search-box');
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    const nav = page.getByRole('navigation', { name: 'Screens' });
    for (const screen of ['Search', 'Create order', 'Bulk staging', 'Import', 'Environments', 'Audit log']) {
      expect(await nav.getByRole('link', { name: screen }).count(), screen).toBe(1);
    }

    for (const [screen, heading] of [
      ['Create order', 'Create order'],
      ['Bulk staging', 'Bulk staging'],
      ['Import', "Import the shop's order export"],
      ['Environments', 'Environments'],
      ['Audit log', 'Audit log'],
    ] as const) {
      await nav.getByRole('link', { name: screen }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await nav.getByRole('link', { name: screen }).getAttribute('aria-current')).toBe('page');
    }

    await page.locator('body').press('/');
    await expect.poll(() => focused(page)).toBe('input#search-box');
    await page.getByRole('link', { name: 'Environments' }).click();
    await page.getByRole('heading', { level: 1, name: 'Environments' }).waitFor();
    // Focus lands on the new screen's heading: / is a shortcut there, not typed.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.keyboard.press('/');
    await expect.poll(() => focused(page)).toBe('input#search-box');

    // Typing "/" into a field types it; it does not jump away.
    await page.getByRole('combobox', { name: 'Search orders' }).fill('a/b');
    expect(await page.getByRole('combobox', { name: 'Search orders' }).inputValue()).toBe('a/b');

    // Keyboard focus is visible.
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');

    expect(await violations()).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
