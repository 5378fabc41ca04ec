import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoOrder } from '../../electron/core/sandbox';
import { createSandboxClock } from '../../electron/core/sandbox';
import { launchChromium, openConsole } from '../support/chromium';
import type { ConsoleWithOrders } from './console-with-orders';
import { startConsoleWithOrders } from './console-with-orders';
import { shootBothSchemes } from './screens';

const SANDBOX_NOW = Date.parse('2026-11-23T17:00:00Z');

describe('Store time in Chromium, whatever the agent computer zone', () => {
  let world: ConsoleWithOrders;
  let browser: Browser;
  let pacific: DemoOrder;
  let eastern: DemoOrder;

  beforeAll(async () => {
    world = await startConsoleWithOrders(120, 9, { clock: createSandboxClock({ start: SANDBOX_NOW, frozen: true }) });
    const demos = Array.from({ length: 120 }, (_, i) => world.demo(i));
    pacific = demos.find((d) => d.locationCode === '1001')!;
    eastern = demos.find((d) => d.locationCode === '2002')!;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  async function orderFacts(
    timezoneId: string,
    orderId: string,
  ): Promise<{ page: Page; window: string; yours: string | null }> {
    const { page } = await openConsole(browser, world.running.host.openUrl, 'light', timezoneId);
    await page.getByTestId('online-state').filter({ hasText: 'online' }).waitFor();
    const box = page.getByRole('combobox', { name: 'Search orders' });
    await box.fill(orderId);
    await page
      .locator('[role=option] .id', { hasText: new RegExp(`^${orderId}$`) })
      .first()
      .click();
    await page.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
    const delivery = page.getByRole('region', { name: 'Delivery' });
    const value = async (label: string) => {
      const term = delivery.locator('dt', { hasText: new RegExp(`^${label}$`) });
      if ((await term.count()) === 0) return null;
      return (await term.locator('xpath=following-sibling::dd[1]').textContent())?.trim() ?? null;
    };
    await expect.poll(() => value('Window')).toMatch(/ P[SD]T$| E[SD]T$/);
    return { page, window: (await value('Window'))!, yours: await value('Your time') };
  }

  it('shows a Pacific store window identically from a UTC and a New York computer, with the agent time beside it', async () => {
    const utc = await orderFacts('UTC', pacific.orderId);
    const ny = await orderFacts('America/New_York', pacific.orderId);
    expect(utc.window).toMatch(/ PST$/);
    expect(ny.window).toBe(utc.window);
    expect(utc.yours).toMatch(/ UTC your time$/);
    expect(ny.yours).toMatch(/ EST your time$/);
    await shootBothSchemes(ny.page, 'order-store-time');
    await ny.page.context().close();
    await utc.page.context().close();
  });

  it('labels the New York store in Eastern time, and adds nothing when the agent is in that zone', async () => {
    const ny = await orderFacts('America/New_York', eastern.orderId);
    expect(ny.window).toMatch(/ EST$/);
    expect(ny.yours).toBeNull();
    const la = await orderFacts('America/Los_Angeles', eastern.orderId);
    expect(la.window).toBe(ny.window);
    expect(la.yours).toMatch(/ PST your time$/);
    await la.page.getByRole('link', { name: 'Search' }).click();
    await la.page.getByTestId('store-time').first().waitFor();
    expect(await la.page.getByTestId('store-time').first().textContent()).toMatch(/ (P|E)[SD]T$/);
    await shootBothSchemes(la.page, 'search-store-time');
    await ny.page.context().close();
    await la.page.context().close();
  });

  it("labels audit times in the agent's own zone, as they belong to no store", async () => {
    const { page } = await openConsole(browser, world.running.host.openUrl, 'light', 'America/New_York');
    await page.getByRole('link', { name: 'Environments' }).click();
    await page.getByRole('button', { name: 'Test connection' }).first().click();
    await page.getByText('Connected: the server accepted the client id and secret.').waitFor();
    await page.getByRole('link', { name: 'Audit log' }).click();
    const first = page.locator('#audit-row-0 .cells span').first();
    await expect.poll(() => first.textContent()).toMatch(/\d{1,2}:\d{2} [AP]M E[SD]T$/);
    // The zone's name is read, not cut off by the column.
    expect(await first.evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true);
    await shootBothSchemes(page, 'audit-agent-time');
    await page.context().close();
  });
});
