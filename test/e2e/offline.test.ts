import { displayPhone } from '../../shared/phone';
import type { Browser, Page } from 'playwright-core';
import type { Sandbox } from '../../electron/core/sandbox';
import { startSandbox } from '../../electron/core/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openConsole } from '../support/chromium';
import type { ConsoleWithOrders } from './console-with-orders';
import { startConsoleWithOrders } from './console-with-orders';
import { shootBothSchemes } from './screens';

describe('Offline in Chromium', () => {
  let world: ConsoleWithOrders;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let restarted: Sandbox | undefined;

  beforeAll(async () => {
    world = await startConsoleWithOrders(300, 7, {}, { reconnectDelaysMs: [1_000] });
    browser = await launchChromium();
    ({ page, pageErrors } = await openConsole(browser, world.running.host.openUrl));
    await page.getByTestId('online-state').filter({ hasText: 'online' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
    await restarted?.close();
  });

  async function openFromSearch(text: string, orderId: string): Promise<void> {
    await page.getByRole('link', { name: 'Search' }).click();
    const box = page.getByRole('combobox', { name: 'Search orders' });
    await box.fill(text);
    await page.locator('[role=option] .id', { hasText: orderId }).first().click();
    await page.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
  }

  it('keeps searching and opening cached orders with the API gone, says so, disables changes saying why, and comes back by itself once the API answers', async () => {
    const first = world.demo(11);
    await openFromSearch(first.orderId, first.orderId);
    expect(await page.getByTestId('offline-banner').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Refresh' }).isEnabled()).toBe(true);

    await world.sandbox.close();
    // The console learns the API is gone from the first call that cannot reach it.
    await page.getByRole('button', { name: 'Refresh' }).click();
    const banner = page.getByTestId('offline-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(
      /Offline — showing cached data from \w{3}, \w{3} \d{1,2}, \d{1,2}:\d{2}/,
    );
    await expect.poll(() => page.locator('main').textContent()).toContain('Showing the cached copy');
    expect(await page.getByTestId('online-state').textContent()).toContain('offline');
    expect(await page.locator('main').textContent()).toContain('cannot be reached right now');
    await shootBothSchemes(page, 'offline-order');

    // Search by name and open another cached order, all from this computer.
    const second = world.demo(42);
    await openFromSearch(`${second.firstName} ${second.lastName}`, second.orderId);
    expect(await page.locator('main').textContent()).toContain(displayPhone(second.phone));
    await shootBothSchemes(page, 'offline-search-result');

    // Every form that would send something is disabled, with the reason next to it.
    await page.getByRole('link', { name: 'Change window, tip or details' }).click();
    const editForm = page.getByRole('form', { name: 'Change order' });
    await editForm.getByText('Changes are off.').waitFor();
    expect(await editForm.getByRole('button', { name: 'Find delivery times' }).isDisabled()).toBe(true);
    await shootBothSchemes(page, 'offline-edit');
    const save = editForm.getByRole('button', { name: 'Save changes' });
    expect(await save.isDisabled()).toBe(true);
    const reasonId = await save.getAttribute('aria-describedby');
    expect(await page.locator(`#${reasonId}`).textContent()).toContain('cannot be reached right now');

    await page.getByRole('link', { name: 'Create order' }).click();
    const createForm = page.getByRole('form', { name: 'Create order' });
    await createForm.getByText('Changes are off.').waitFor();
    expect(await createForm.getByRole('button', { name: 'Create order' }).isDisabled()).toBe(true);

    // Still away: asking again says so. Back on the same address: the console's own checks find it.
    await banner.getByRole('button', { name: 'Check again' }).click();
    await expect.poll(() => banner.textContent()).toContain('Still unreachable');
    restarted = await startSandbox({ port: Number(new URL(world.sandbox.url).port), orders: 300, seed: 7 });
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.getByTestId('online-state').textContent()).toContain('online');
    await createForm.getByText('Changes are off.').waitFor({ state: 'detached' });
    expect(await createForm.getByRole('button', { name: 'Create order' }).isEnabled()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
