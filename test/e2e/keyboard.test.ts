import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoOrder } from '../../electron/core/sandbox';
import { createSandboxClock } from '../../electron/core/sandbox';
import { orderStateAt } from '../../electron/core/sandbox/lifecycle';
import { fromDemo } from '../../electron/core/sandbox/state';
import { launchChromium, openConsole, screenshot } from '../support/chromium';
import type { ConsoleWithOrders } from './console-with-orders';
import { startConsoleWithOrders } from './console-with-orders';
import { focused } from './page-checks';

/** A frozen sandbox clock: the same orders are still open to edits on every run. */
const SANDBOX_NOW = Date.parse('2026-11-23T17:00:00Z');
const ORDERS = 300;

const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search orders' });
const count = (page: Page) => page.getByTestId('result-count').textContent();
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
const activeRowId = (page: Page) => page.locator('[role=option][aria-selected=true] .id').textContent();

describe('the console with the keyboard alone', () => {
  let world: ConsoleWithOrders;
  let browser: Browser;
  /** Orders the API still lets the console change: not dispatched, assigned or canceled. */
  const editable: DemoOrder[] = [];

  beforeAll(async () => {
    world = await startConsoleWithOrders(ORDERS, 3, {
      clock: createSandboxClock({ start: SANDBOX_NOW, frozen: true }),
    });
    const inactive = new Set(world.sandbox.info.inactive_user_ids);
    for (let index = 0; index < ORDERS && editable.length < 2; index++) {
      const demo = world.demo(index);
      const status = orderStateAt(fromDemo(demo), SANDBOX_NOW).status;
      const open = status === 'brand_new' || status === 'acknowledged';
      if (open && !demo.dispatch && !inactive.has(demo.userId)) editable.push(demo);
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('searches, opens, edits, goes back and stages without the mouse', async () => {
    expect(editable).toHaveLength(2);
    const [first, second] = editable as [DemoOrder, DemoOrder];
    const { page, pageErrors, context } = await openConsole(browser, world.running.host.openUrl);
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect.poll(() => count(page)).toMatch(/^300 orders/);
    await expect.poll(() => focused(page)).toBe('input#search-box');

    // Each key searches: the results follow the id as it is typed, with no pause needed.
    await page.keyboard.type(first.orderId);
    await expect.poll(() => activeRowId(page)).toBe(first.orderId);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Order ${first.orderId}` }).waitFor();
    // Focus lands on the order's first action, not on the page.
    await expect.poll(() => focusedText(page)).toBe('Change window, tip or details');

    await page.keyboard.press('e');
    const form = page.getByRole('form', { name: 'Change order' });
    await form.waitFor();
    // Focus lands on the form's first field; Tab walks to the tip.
    await expect
      .poll(() =>
        form.evaluate((element) => element.contains(document.activeElement) && document.activeElement !== element),
      )
      .toBe(true);
    const tipId = await form.getByLabel('Pre-delivery tip').getAttribute('id');
    for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement?.id ?? '')) !== tipId; i += 1) {
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.id ?? '')).toBe(tipId);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('7.25');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Instacart accepted the update' }).count())
      .toBe(1);

    // The result has focus, by the button; Escape goes back: to the order, then to the row it was opened from.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('saved');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: `Order ${first.orderId}` }).waitFor();
    await expect.poll(() => focusedText(page)).toBe('Change window, tip or details');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('div#');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox');
    expect(await activeRowId(page)).toBe(first.orderId);

    // x ticks the highlighted row; / goes back to the box, Tab reaches the results past the filters.
    await page.keyboard.press('x');
    await page.getByRole('button', { name: 'Stage selected (1)' }).waitFor();
    await page.keyboard.press('/');
    await expect.poll(() => focused(page)).toBe('input#search-box');
    await page.keyboard.type(second.orderId);
    await expect.poll(() => activeRowId(page)).toBe(second.orderId);
    const stops: string[] = [];
    for (let i = 0; i < 15 && stops.at(-1) !== 'listbox'; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const element = document.activeElement as HTMLInputElement | null;
          return element?.getAttribute('role') === 'listbox' ? 'listbox' : `${element?.tagName} ${element?.type ?? ''}`;
        }),
      );
    }
    expect(stops.at(-1)).toBe('listbox');
    expect(stops.filter((stop) => stop.includes('date'))).toEqual([]);
    // The filters, the last import's link, the selection's buttons, then the list: the two date fields (four
    // stops each) are folded away.
    expect(stops.length, stops.join(', ')).toBeLessThanOrEqual(12);
    await page.keyboard.press(' ');
    await page.getByRole('button', { name: 'Stage selected (2)' }).waitFor();

    await page.keyboard.press('s');
    await page.getByRole('radio', { name: 'Picked in search (2)' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Picked in search (2)' }).isChecked()).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('shows every shortcut on ?, and jumps to screens and orders from the palette', async () => {
    const { page, pageErrors, context } = await openConsole(browser, world.running.host.openUrl);
    await expect.poll(() => count(page)).toMatch(/^300 orders/);
    await expect.poll(() => focused(page)).toBe('input#search-box');

    // In the search box ? is typed; after Escape (which leaves the field) it opens the sheet.
    await page.keyboard.press('?');
    expect(await searchBox(page).inputValue()).toBe('?');
    await searchBox(page).fill('');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    const rows = (await sheet.locator('tbody tr').allTextContents()).map((row) => row.replace(/\s+/g, ' ').trim());
    for (const [keys, does] of [
      ['Ctrl K', 'Command palette'],
      ['?', 'Show these shortcuts'],
      ['/', 'Search orders'],
      ['Esc', 'Go back'],
      ['j or ↓', 'Next result'],
      ['k or ↑', 'Previous result'],
      ['Enter', 'Open the highlighted order'],
      ['x or Space', 'Tick or untick'],
      ['s', 'Stage the ticked orders'],
      ['e', 'Change the order’s window, tip or details'],
    ] as const) {
      expect(
        rows.filter((row) => row.startsWith(keys) && row.includes(does)),
        `${keys}: ${does}`,
      ).toHaveLength(1);
    }
    expect(rows).toHaveLength(10);
    await screenshot(page, 'keyboard-shortcut-sheet');
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);

    // Ctrl+K works even while typing in a field.
    await searchBox(page).focus();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await page.keyboard.type('audit');
    expect(await palette.locator('[role=option] > span:first-child').allTextContents()).toEqual([
      'Open order audit',
      'Search for “audit”',
      'Go to Audit log',
    ]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    expect(await palette.count()).toBe(0);
    await expect.poll(() => focusedText(page)).toBe('Audit log');

    const order = world.demo(42);
    await page.keyboard.press('Control+k');
    await palette.waitFor();
    await screenshot(page, 'keyboard-palette');
    await page.keyboard.type(order.orderId);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Order ${order.orderId}` }).waitFor();
    await expect.poll(() => focusedText(page)).toBe('Change window, tip or details');

    // A typed search from the palette lands in the search box with its results.
    await page.keyboard.press('Control+k');
    await page.keyboard.type(order.lastName);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('input#search-box');
    expect(await searchBox(page).inputValue()).toBe(order.lastName);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  for (const [width, height] of [
    [1024, 700],
    [1366, 860],
  ] as const) {
    it(`keeps the navigation on one line and the main columns in view at ${width} x ${height}`, async () => {
      const { page, pageErrors, context } = await openConsole(browser, world.running.host.openUrl);
      await page.setViewportSize({ width, height });
      await expect.poll(() => count(page)).toMatch(/^300 orders/);
      const header = (await page.getByRole('banner').boundingBox())!;
      const nav = page.getByRole('navigation', { name: 'Screens' });
      const navBox = (await nav.boundingBox())!;
      expect(navBox.height).toBeLessThanOrEqual(header.height);
      for (const link of await nav.getByRole('link').all()) {
        const box = (await link.boundingBox())!;
        const name = await link.textContent();
        expect(box.height, name ?? '').toBeLessThanOrEqual(header.height);
        expect(box.x, name ?? '').toBeGreaterThanOrEqual(navBox.x);
        expect(box.x + box.width, name ?? '').toBeLessThanOrEqual(navBox.x + navBox.width + 0.5);
      }
      const columns = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.head > span')]
          .filter((span) => span.offsetWidth > 0)
          .map((span) => ({ name: span.textContent, right: span.getBoundingClientRect().right })),
      );
      expect(columns.map((column) => column.name)).toEqual(
        expect.arrayContaining(['Order', 'Status', 'Customer', 'Phone', 'Window', 'Store', 'Address']),
      );
      const tableRight = await page.evaluate(() => document.querySelector('.table')!.getBoundingClientRect().right);
      for (const column of columns) expect(column.right, column.name ?? '').toBeLessThanOrEqual(tableRight);
      if (width < 1100) expect(columns.map((column) => column.name)).not.toContain('Fetched');
      else expect(columns.map((column) => column.name)).toContain('Fetched');

      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await screenshot(page, `keyboard-search-${width}x${height}-${colorScheme}`);
      }
      await page.keyboard.press('Control+k');
      await page.keyboard.type(world.demo(7).orderId);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: `Order ${world.demo(7).orderId}` }).waitFor();
      expect((await nav.boundingBox())!.height).toBeLessThanOrEqual(header.height);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await screenshot(page, `keyboard-order-${width}x${height}-${colorScheme}`);
      }
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }
});
