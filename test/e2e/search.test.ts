import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openConsole } from '../support/chromium';
import type { ConsoleWithOrders } from './console-with-orders';
import { startConsoleWithOrders } from './console-with-orders';
import { focused } from './page-checks';
import { shootBothSchemes } from './screens';

const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search orders' });
const resultIds = (page: Page) => page.locator('[role=option] .id').allTextContents();
const count = (page: Page) => page.getByTestId('result-count').textContent();

async function searchFor(page: Page, text: string): Promise<void> {
  const before = await count(page);
  await searchBox(page).fill(text);
  await expect.poll(() => count(page)).not.toBe(before);
}

describe('Search in Chromium', () => {
  let world: ConsoleWithOrders;
  let browser: Browser;

  beforeAll(async () => {
    world = await startConsoleWithOrders();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('finds orders by name, phone and id as you type, and opens one with the keyboard', async () => {
    const { page, pageErrors, context } = await openConsole(browser, world.running.host.openUrl);
    await expect.poll(() => count(page)).toMatch(/^2,000 orders/);
    await expect.poll(() => focused(page)).toBe('input#search-box');
    await shootBothSchemes(page, 'search');

    const order = world.demo(137);
    await searchFor(page, `${order.firstName} ${order.lastName}`);
    expect(await resultIds(page)).toContain(order.orderId);

    // A phone typed the way a customer reads it out.
    const local = order.phone.slice(2);
    await searchFor(page, `(${local.slice(0, 3)}) ${local.slice(3, 6)}-${local.slice(6)}`);
    expect(await resultIds(page)).toContain(order.orderId);

    await searchFor(page, order.orderId);
    expect((await resultIds(page))[0]).toBe(order.orderId);

    // Down and up move the highlight from the search box; Enter opens the highlighted order.
    const other = world.demo(138);
    await searchFor(page, `${other.firstName} ${other.lastName}`);
    await searchBox(page).press('ArrowDown');
    await searchBox(page).press('ArrowUp');
    const active = await page.locator('[role=option][aria-selected=true] .id').textContent();
    expect(active).toBe((await resultIds(page))[0]);
    await searchBox(page).press('Enter');
    await expect.poll(() => page.url()).toContain(`#/order/sandbox/${encodeURIComponent(active ?? '')}`);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('filters by status and store, and exports what it shows as CSV', async () => {
    const { page, pageErrors, context } = await openConsole(browser, world.running.host.openUrl);
    await expect.poll(() => count(page)).toMatch(/^2,000 orders/);

    const store = world.demo(0).locationCode;
    await page.getByLabel('Store').selectOption(store);
    await expect.poll(() => count(page)).not.toMatch(/^2,000 orders/);
    const storeCount = Number((await count(page))?.replace(/\D.*$/, '').replace(/,/g, '') ?? NaN);
    expect(storeCount).toBeGreaterThan(0);
    const stores = await page.locator('[role=option] .cells > span:nth-child(6)').allTextContents();
    expect(new Set(stores)).toEqual(new Set([store]));

    await page.locator('summary', { hasText: 'Status' }).click();
    await page.getByLabel('delivered', { exact: true }).check();
    await expect
      .poll(async () => (await count(page)) ?? '')
      .not.toMatch(new RegExp(`^${storeCount.toLocaleString('en-US')} `));
    const statuses = await page.locator('[role=option] .badge').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['delivered']));
    const shown = Number((await count(page))?.replace(/\D.*$/, '') ?? NaN);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const lines = readFileSync((await file.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines.length - 1).toBe(shown);
    await expect.poll(() => page.getByText(`Exported ${shown} orders.`).count()).toBe(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
