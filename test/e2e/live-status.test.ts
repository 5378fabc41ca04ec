import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxClock } from '../../electron/core/sandbox';
import { orderStateAt } from '../../electron/core/sandbox/lifecycle';
import { fromDemo } from '../../electron/core/sandbox/state';
import { launchChromium } from '../support/chromium';
import type { ConsoleWithOrders } from './console-with-orders';
import { startConsoleWithOrders } from './console-with-orders';

const COUNT = 300;
const HOUR = 3_600_000;

/**
 * The page's Notification, replaced by a recording stand-in with permission granted: headless Chromium
 * shows none, and a test cannot click one on the desktop; what is checked is what the page asks for.
 */
function recordNotifications(): void {
  const shown: { title: string; body: string; onclick: (() => void) | null }[] = [];
  class RecordingNotification {
    static permission = 'granted';
    static requestPermission = async () => 'granted';
    onclick: (() => void) | null = null;
    constructor(
      readonly title: string,
      options: { body?: string } = {},
    ) {
      shown.push(Object.assign(this, { body: options.body ?? '' }));
    }
    close(): void {}
  }
  Object.assign(window, { Notification: RecordingNotification, shownNotifications: shown });
}

describe('Live status in Chromium', () => {
  let world: ConsoleWithOrders;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // One clock for the sandbox and the console, so moving it on moves both: windows pass, floors expire.
    const clock = createSandboxClock();
    world = await startConsoleWithOrders(COUNT, 7, { clock }, { clock, watch: { idleMs: 100, noticeEveryMs: 500 } });
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    await context.addInitScript(recordNotifications);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(world.running.host.openUrl);
    await page.getByTestId('online-state').filter({ hasText: 'online' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  async function searchFor(orderId: string): Promise<void> {
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByRole('combobox', { name: 'Search orders' }).fill(orderId);
    await page.locator('[role=option] .id', { hasText: orderId }).first().waitFor();
  }

  it('watch an order, move the clock on: its badge, the attention list and a notice change; the notice opens it', async () => {
    const now = Date.now();
    // An order the sandbox will deliver late, whose window is still ahead.
    const index = [...Array(COUNT).keys()].find((i) => {
      const demo = world.demo(i);
      return (
        demo.lateMinutes !== null &&
        (!demo.dispatch || demo.stagedAt !== null) &&
        demo.windowStart > now + HOUR &&
        orderStateAt(fromDemo(demo), now).status !== 'delivering'
      );
    });
    if (index === undefined) throw new Error('no late demo order ahead');
    const order = world.demo(index);
    const before = orderStateAt(fromDemo(order), world.sandbox.clock.now()).status;

    await searchFor(order.orderId);
    await page.locator('[role=option] .id', { hasText: order.orderId }).first().click();
    await page.getByRole('heading', { name: `Order ${order.orderId}` }).waitFor();
    await page.getByRole('button', { name: 'Watch', exact: true }).click();
    await page.getByRole('button', { name: 'Watching' }).waitFor();

    await searchFor(order.orderId);
    const badge = page.locator('[role=option]', { hasText: order.orderId }).first().getByTestId('status-badge');
    expect(await badge.textContent()).toBe(before.replaceAll('_', ' '));

    // Five minutes after the window's end: the sandbox has the order still delivering, so it is late.
    world.sandbox.clock.set(order.windowEnd + 5 * 60_000);
    const started = Date.now();
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe('delivering');
    const learnedInMs = Date.now() - started;

    const notices = () =>
      page.evaluate(() =>
        (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications.map(
          (n) => n.body,
        ),
      );
    await expect
      .poll(async () => (await notices()).some((body) => body.startsWith(`${order.orderId} is now delivering`)), {
        timeout: 10_000,
      })
      .toBe(true);

    await expect.poll(() => page.getByTestId('attention-count').textContent(), { timeout: 10_000 }).toMatch(/^\d+$/);
    await page.getByRole('link', { name: /Needs attention/ }).click();
    const row = page.locator('[data-testid=attention-row][data-kind=late]', { hasText: order.orderId });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('still delivering');

    // Clicking the notice opens the order.
    await page.evaluate((orderId) => {
      const shown = (window as unknown as { shownNotifications: { body: string; onclick: () => void }[] })
        .shownNotifications;
      shown.find((n) => n.body.startsWith(`${orderId} is now delivering`))!.onclick();
    }, order.orderId);
    await page.getByRole('heading', { name: `Order ${order.orderId}` }).waitFor();
    expect(await page.locator('main').getByTestId('status-badge').first().textContent()).toBe('delivering');
    // Within a few of the watcher's turns (it rests 100 ms here when idle; its pace is a fifth of the limiter's rate).
    expect(learnedInMs).toBeLessThan(5_000);
    expect(pageErrors).toEqual([]);
  });

  it('an open order, not watched, updates on screen by itself when the sandbox clock moves it on', async () => {
    const now = world.sandbox.clock.now();
    const statusAt = (i: number, at: number) => orderStateAt(fromDemo(world.demo(i)), at).status;
    // An order whose window is still ahead, and which the sandbox has moved on by five minutes after it.
    const index = [...Array(COUNT).keys()].find((i) => {
      const demo = world.demo(i);
      return demo.windowStart > now + HOUR && statusAt(i, demo.windowEnd + 5 * 60_000) !== statusAt(i, now);
    });
    if (index === undefined) throw new Error('no demo order that the clock moves on');
    const order = world.demo(index);
    const later = order.windowEnd + 5 * 60_000;
    const label = (status: string) => status.replaceAll('_', ' ');

    await searchFor(order.orderId);
    await page.locator('[role=option] .id', { hasText: order.orderId }).first().click();
    await page.getByRole('heading', { name: `Order ${order.orderId}` }).waitFor();
    expect(await page.getByRole('button', { name: 'Watch', exact: true }).count()).toBe(1);
    const badge = page.locator('main').getByTestId('status-badge').first();
    // Open on screen, it is asked about first: it shows what the sandbox says now.
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe(label(statusAt(index, now)));

    const requestsBefore = world.sandbox.counters.totals.requests;
    world.sandbox.clock.set(later);
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe(label(statusAt(index, later)));
    // Nothing was clicked: the screen was told, and its history has the step.
    expect(world.sandbox.counters.totals.requests).toBeGreaterThan(requestsBefore);
    await expect
      .poll(() => page.locator('section[aria-label="Status history"]').textContent())
      .toContain(`→ ${label(statusAt(index, later))}`);
    expect(pageErrors).toEqual([]);
  });
});
