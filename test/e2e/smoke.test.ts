import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleInChromium } from '../support/console-in-chromium';
import { openConsole, screenshot } from '../support/chromium';

describe('the console in Chromium through the browser host', () => {
  const world = consoleInChromium();

  it('shows app:info from the real core in the header, and the token leaves the address bar', async () => {
    const { page, pageErrors, context } = await openConsole(world.browser, world.running.host.openUrl);
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe('0.0.0-test');
    const environment = page.getByLabel('Environment').or(page.getByTestId('app-environment'));
    await expect.poll(async () => (await environment.textContent())?.trim()).toContain('Sandbox');
    expect(await page.getByTestId('online-state').textContent()).toMatch(/online|offline/i);
    expect(page.url()).not.toContain('token');
    const path = await screenshot(page, 'smoke-app-info');
    expect(existsSync(path) && statSync(path).size > 1000).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('shows nothing useful to a page opened without the token', async () => {
    const { page, context } = await openConsole(world.browser, world.running.host.url);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('console token');
    await context.close();
  });
});
