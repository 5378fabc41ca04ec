import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoOrder } from '../../electron/core/sandbox';
import { createSandboxClock } from '../../electron/core/sandbox';
import { orderStateAt } from '../../electron/core/sandbox/lifecycle';
import { fromDemo } from '../../electron/core/sandbox/state';
import { launchChromium, openConsole } from '../support/chromium';
import type { ConsoleWithOrders } from './console-with-orders';
import { startConsoleWithOrders } from './console-with-orders';
import { shootBothSchemes } from './screens';

const SANDBOX_NOW = Date.parse('2026-11-23T17:00:00Z');
const ORDERS = 300;

describe('Cancel an order in Chromium', () => {
  let world: ConsoleWithOrders;
  let browser: Browser;
  let page: Page;
  let brandNew: DemoOrder | undefined;
  let delivered: DemoOrder | undefined;

  beforeAll(async () => {
    world = await startConsoleWithOrders(ORDERS, 7, {
      clock: createSandboxClock({ start: SANDBOX_NOW, frozen: true }),
    });
    const inactive = new Set(world.sandbox.info.inactive_user_ids);
    for (let index = 0; index < ORDERS && (!brandNew || !delivered); index++) {
      const demo = world.demo(index);
      if (inactive.has(demo.userId)) continue;
      const status = orderStateAt(fromDemo(demo), SANDBOX_NOW).status;
      if (status === 'brand_new') brandNew ??= demo;
      if (status === 'delivered') delivered ??= demo;
    }
    browser = await launchChromium();
    ({ page } = await openConsole(browser, world.running.host.openUrl));
    await page.getByTestId('online-state').filter({ hasText: 'online' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  async function openOrder(orderId: string): Promise<void> {
    await page.getByRole('link', { name: 'Search' }).click();
    const box = page.getByRole('combobox', { name: 'Search orders' });
    await box.fill(orderId);
    await page.locator('[role=option] .id', { hasText: orderId }).first().waitFor();
    await box.press('Enter');
    await page.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
  }

  it('cancels a brand_new order with a reason, after a confirmation naming the order, customer and environment', async () => {
    expect(brandNew).toBeDefined();
    const order = brandNew!;
    await openOrder(order.orderId);
    await page.getByRole('button', { name: 'Cancel order…' }).click();
    const question = page.locator('#cancel-question');
    await expect.poll(() => question.textContent()).toContain(order.orderId);
    expect(await question.textContent()).toContain(`${order.firstName} ${order.lastName}`);
    expect(await question.textContent()).toContain('in Sandbox');
    await page.getByLabel('Why').selectOption('retailer_driven');
    await page.getByLabel(/Reason or ticket/).fill('Store closed early, ticket 90');
    await shootBothSchemes(page, 'cancel-confirm');
    await page.getByRole('button', { name: 'Cancel the order' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Order ${order.orderId} was canceled` })
      .waitFor();
    expect(world.sandbox.counters.order(order.orderId).cancels).toBe(1);
    await expect.poll(() => page.locator('main').textContent()).toContain('retailer_driven');
    // The order's history has the audit log's line for it: who, brand new -> canceled, the reason, the outcome.
    const trail = page.getByTestId('order-audit-row').filter({ hasText: 'order.cancel' });
    await expect.poll(() => trail.count()).toBe(1);
    expect(await trail.textContent()).toContain('status brand_new -> canceled');
    expect(await trail.textContent()).toContain('Store closed early, ticket 90');
    expect(await trail.textContent()).toContain('succeeded');
    await shootBothSchemes(page, 'cancel-done');
  });

  it('says why a delivered order cannot be canceled, and sends nothing', async () => {
    expect(delivered).toBeDefined();
    await openOrder(delivered!.orderId);
    const button = page.getByRole('button', { name: 'Cancel order…' });
    expect(await button.isDisabled()).toBe(true);
    expect(await page.locator('#cancel-blocked').textContent()).toContain('this one is delivered');
    expect(world.sandbox.counters.order(delivered!.orderId).cancels).toBe(0);
    await shootBothSchemes(page, 'cancel-not-offered');
  });

  it("shows Instacart's refusal when the order moved on since it was shown, and audits it as failed", async () => {
    const inactive = new Set(world.sandbox.info.inactive_user_ids);
    const order = [...Array(ORDERS).keys()]
      .map((index) => world.demo(index))
      .find(
        (demo) =>
          demo.orderId !== brandNew!.orderId &&
          !inactive.has(demo.userId) &&
          orderStateAt(fromDemo(demo), SANDBOX_NOW).status === 'brand_new' &&
          orderStateAt(fromDemo(demo), SANDBOX_NOW + 16 * 60_000).status === 'acknowledged',
      );
    expect(order).toBeDefined();
    await openOrder(order!.orderId);
    await page.getByRole('button', { name: 'Cancel order…' }).click();
    await page.getByLabel('Why').selectOption('customer_driven');
    // While the agent reads the question, Instacart acknowledges the order.
    world.sandbox.clock.set(SANDBOX_NOW + 16 * 60_000);
    await page.getByRole('button', { name: 'Cancel the order' }).click();
    const summary = page.getByTestId('error-summary');
    await expect.poll(() => summary.textContent()).toContain('The order was not canceled');
    expect(await summary.textContent()).toContain('can no longer be canceled: it is acknowledged');
    expect(await summary.textContent()).toContain('Instacart cancels only brand new orders');
    expect(await summary.textContent()).not.toContain('A required field is missing');
    expect(world.sandbox.counters.order(order!.orderId).cancels).toBe(0);
    const trail = page.getByTestId('order-audit-row').filter({ hasText: 'order.cancel' });
    await expect.poll(() => trail.count()).toBe(1);
    expect(await trail.textContent()).toContain('failed');
    // The order is asked about again, so the screen shows where it is now and offers no cancel.
    await expect
      .poll(() => page.locator('main').getByTestId('status-badge').first().textContent())
      .toBe('acknowledged');
    await shootBothSchemes(page, 'cancel-refused');
  });
});
