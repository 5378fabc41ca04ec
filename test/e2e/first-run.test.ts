import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayPhone } from '../../shared/phone';
import type { TestConsole } from '../support/browser-console';
import { startTestConsole } from '../support/browser-console';
import { launchChromium, openConsole } from '../support/chromium';

const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search orders' });
const resultIds = (page: Page) => page.locator('[role=option] .id').allTextContents();
const count = (page: Page) => page.getByTestId('result-count').textContent();

async function searchFor(page: Page, text: string): Promise<void> {
  const before = await count(page);
  await searchBox(page).fill(text);
  await expect.poll(() => count(page)).not.toBe(before);
}

/**
 * A console on a fresh data folder with its built-in sandbox, as after `npm install && npm start`: the
 * customers on its first screen came through the shop-export import of the sandbox's export.
 */
describe('the first run on the built-in sandbox, in Chromium', () => {
  let running: TestConsole;
  let browser: Browser;

  beforeAll(async () => {
    running = await startTestConsole();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('shows orders with the names and phones the shop export gave, found by name, phone as said and its last four', async () => {
    const sandboxUrl = running.core.services.ownSandbox!.url;
    // What the shop's back office says about its first order, as it exports it.
    const answer = await fetch(`${sandboxUrl}/_sandbox/shop-export.csv?count=1`);
    const [shop] = parse(await answer.text(), { columns: true, bom: true }) as Record<string, string>[];
    const orderId = shop!['Order #']!;
    const phoneSaid = shop!['Phone']!;
    expect(phoneSaid).toMatch(/^\(\d{3}\) \d{3}-\d{4}$/);

    const { page, pageErrors } = await openConsole(browser, running.host.openUrl);
    await expect.poll(() => count(page), { timeout: 30_000 }).toMatch(/^300 orders/);
    const names = await page.locator('[role=option] .name').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => name === '—')).toEqual([]);
    const rows = await page.locator('[role=option]').allTextContents();
    expect(rows.every((row) => /\(\d{3}\) \d{3}-\d{4}/.test(row))).toBe(true);

    // Nothing but the shop export told the console these: the sandbox's get answers no customer.
    const record = await running.call('orders:get', { environmentId: 'sandbox', orderId });
    const order = (record.value as { order: { firstName: string; lastName: string; phone: string } }).order;
    expect(`${order.firstName} ${order.lastName}`).toBe(shop!['Customer Name']);
    expect(displayPhone(order.phone)).toBe(phoneSaid);
    const events = (record.value as { events: { kind: string; source: string }[] }).events;
    expect(events.filter((e) => e.source === 'create')).toEqual([]);

    await searchFor(page, shop!['Customer Name']!);
    expect(await resultIds(page)).toContain(orderId);
    await searchFor(page, phoneSaid);
    expect(await resultIds(page)).toContain(orderId);
    await searchFor(page, phoneSaid.slice(-4));
    expect(await resultIds(page)).toContain(orderId);
    expect(pageErrors).toEqual([]);
  });
});
