import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { displayPhone } from '../../shared/phone';
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

/** A frozen sandbox clock makes the time slots, and which of them are full, the same on every run. */
const SANDBOX_NOW = Date.parse('2026-11-23T17:00:00Z');
const ORDERS = 300;

const requests = (world: ConsoleWithOrders) => world.sandbox.counters.totals.requests;

describe('Order detail and edits in Chromium', () => {
  let world: ConsoleWithOrders;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  /** Orders the API still lets the console change: not dispatched, assigned or canceled; store 1001 sells alcohol. */
  const editable: DemoOrder[] = [];
  let delivered: DemoOrder | undefined;

  beforeAll(async () => {
    world = await startConsoleWithOrders(ORDERS, 3, {
      clock: createSandboxClock({ start: SANDBOX_NOW, frozen: true }),
    });
    const inactive = new Set(world.sandbox.info.inactive_user_ids);
    for (let index = 0; index < ORDERS && (editable.length < 3 || !delivered); index++) {
      const demo = world.demo(index);
      const status = orderStateAt(fromDemo(demo), SANDBOX_NOW).status;
      const open = status === 'brand_new' || status === 'acknowledged';
      if (open && !demo.dispatch && demo.locationCode === '1001' && !inactive.has(demo.userId)) editable.push(demo);
      if (status === 'delivered' && !inactive.has(demo.userId)) delivered ??= demo;
    }
    browser = await launchChromium();
    ({ page, pageErrors } = await openConsole(browser, world.running.host.openUrl));
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

  it('opens an order with every block, and refreshes it from the API', async () => {
    expect(editable).toHaveLength(3);
    const order = editable[0]!;
    await openOrder(order.orderId);
    const main = page.locator('main');
    for (const text of [
      `${order.firstName} ${order.lastName}`,
      displayPhone(order.phone),
      order.address.address_line_1,
      order.bagLabel,
      'History',
    ]) {
      await expect.poll(() => main.textContent()).toContain(text);
    }
    expect(await page.getByTestId('fetched-at').textContent()).toContain('cached copy');
    await shootBothSchemes(page, 'order');

    await world.sandbox.setFaults({ latencyMs: 600 });
    const before = requests(world);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('button', { name: 'Refreshing…' }).waitFor();
    await expect.poll(() => page.getByTestId('fetched-at').textContent()).not.toContain('cached copy');
    expect(await page.getByRole('status').filter({ hasText: 'Refreshed:' }).count()).toBe(1);
    expect(requests(world)).toBeGreaterThan(before);
    await world.sandbox.setFaults({ latencyMs: 0 });
  });

  it("changes the window and the tip in one update, from the order's own address, with the result by the button", async () => {
    const order = editable[0]!;
    // The agent signs the audit log once, with a name of their own.
    await page.getByRole('link', { name: 'Audit log' }).click();
    const agent = page.getByRole('form', { name: 'Your name in the audit log' });
    await expect.poll(() => page.getByTestId('agent-name').textContent()).toContain('this computer’s user name');
    await agent.getByLabel('Your name').fill('Dana R.');
    await agent.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => page.getByTestId('agent-name').textContent()).toContain('signed “Dana R.”');

    await openOrder(order.orderId);
    const tipBefore = await page.locator('dt', { hasText: /^Tip$/ }).locator('+ dd').textContent();
    await page.getByRole('link', { name: 'Change window, tip or details' }).click();
    const form = page.getByRole('form', { name: 'Change order' });
    const available = form.locator('label.option:not(.unavailable)');
    // The times are asked for at once, with the order's address and store: nothing is typed again.
    await available.first().waitFor();
    expect(await form.getByLabel('Address line 1').count()).toBe(0);
    expect(await form.getByLabel('Postal code').count()).toBe(0);
    expect(await form.textContent()).toContain(order.address.address_line_1);
    expect(await form.textContent()).not.toContain('was not changed');
    await shootBothSchemes(page, 'edit-order');

    // A start an hour before the rule allows: refused by the form, nothing reaches the API.
    await available.nth(2).locator('input').check();
    await form.getByLabel('Start', { exact: true }).selectOption({ index: 0 });
    expect(await form.getByText('must be within 2 hours').count()).toBeGreaterThan(0);
    const beforeRule = requests(world);
    await form.getByRole('button', { name: 'Save changes' }).click();
    const summary = form.getByTestId('error-summary');
    await expect.poll(() => summary.textContent()).toContain('The order was not changed');
    expect(await form.getByLabel('Start', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await shootBothSchemes(page, 'edit-window-rule');
    expect(requests(world)).toBe(beforeRule);

    // A full time slot is shown but cannot be picked.
    expect(await form.locator('label.option', { hasText: 'no_capacity' }).first().locator('input').isDisabled()).toBe(
      true,
    );

    // A window of one's own inside an available slot and a new tip: one request, the result next to the button.
    await available.nth(3).locator('input').check();
    const start = form.getByLabel('Start', { exact: true });
    const firstAllowed = await start.locator('option:not(:has-text("outside the rule"))').nth(2).getAttribute('value');
    await start.selectOption(firstAllowed!);
    await form.getByLabel('Pre-delivery tip').fill('7.50');
    await form.getByLabel(/Reason or ticket/).fill('Customer called, ticket 4812');
    await world.sandbox.setFaults({ latencyMs: 600 });
    const save = form.getByRole('button', { name: 'Save changes' });
    await save.click();
    await form.getByRole('button', { name: 'Saving…' }).waitFor();
    const saved = form.getByTestId('saved');
    await expect.poll(() => saved.textContent()).toContain('Saved 2 changes; Instacart accepted the update.');
    await world.sandbox.setFaults({ latencyMs: 0 });
    expect(world.sandbox.counters.order(order.orderId).updates).toBe(1);
    expect(await summary.count()).toBe(0);
    // In view and focused, and the same form cannot be sent again.
    expect(await saved.evaluate((node) => node === document.activeElement)).toBe(true);
    const box = (await saved.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(await save.isDisabled()).toBe(true);
    await saved.press('Enter');
    expect(await saved.count()).toBe(1);
    expect(world.sandbox.counters.order(order.orderId).updates).toBe(1);
    // The 20-minute rule is said before anything else is sent.
    expect(await form.getByTestId('recent-change').textContent()).toMatch(/refuses another change until \d{1,2}:\d{2}/);
    expect(await form.getByTestId('current-tip').textContent()).toContain('$7.50');
    await shootBothSchemes(page, 'edit-order-saved');

    const shown = await page.getByTestId('current-window').textContent();
    await page.getByRole('link', { name: `← Order ${order.orderId}` }).click();
    // The edit form shows the same window: wait for the order screen itself, loaded.
    await page.getByRole('heading', { name: `Order ${order.orderId}` }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain(shown!);
    await expect.poll(() => page.locator('main').textContent()).toContain('$7.50');
    // The order's history tells the change as the audit log does: who, before -> after, why, how it ended.
    const trail = page.getByTestId('order-audit-row');
    await expect.poll(() => trail.count()).toBe(2);
    const trailTexts = await trail.allTextContents();
    const trailTip = trailTexts.find((text) => text.includes('order.tip'))!;
    expect(trailTip).toContain('Dana R.');
    expect(trailTip).toContain(`tip ${tipBefore?.startsWith('$') ? tipBefore : 'not known'} -> $7.50`);
    expect(trailTip).toContain('Customer called, ticket 4812');
    expect(trailTip).toContain('succeeded');
    expect(trailTexts.find((text) => text.includes('order.window'))).toMatch(/window .+ PST -> .+ PST/);
    const trailChanges = await trail.locator('td:nth-child(4)').allTextContents();
    await shootBothSchemes(page, 'order-history-audit');

    // One request, two actions in the audit log: each says who, before -> after, and the environment's name.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Order id').fill(order.orderId);
    await expect.poll(() => page.getByTestId('audit-count').textContent()).toContain('2 entries');
    const rows = page.locator('[role=option] .cells');
    const texts = await rows.allTextContents();
    const tipRow = texts.find((text) => text.includes('order.tip'))!;
    const windowRow = texts.find((text) => text.includes('order.window'))!;
    expect(tipRow).toContain('Dana R.');
    expect(tipRow).toContain(`tip ${tipBefore?.startsWith('$') ? tipBefore : 'not known'} -> $7.50`);
    expect(tipRow).toContain('Sandbox');
    expect(tipRow).not.toContain('sandbox');
    expect(windowRow).toMatch(/window .+ PST -> .+ PST/);
    expect(windowRow).toContain('Dana R.');
    expect(windowRow).toContain('Customer called, ticket 4812');
    // The same words as the order's history, change for change.
    const logChanges = await rows.locator('span:nth-child(5)').allTextContents();
    expect(logChanges.sort()).toEqual(trailChanges.sort());
    await shootBothSchemes(page, 'audit-log');

    // Exported as CSV: the same who, before -> after and reason, one line an entry.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-log-.+\.csv$/);
    const [header, ...lines] = parse(readFileSync((await file.path())!, 'utf8')) as string[][];
    expect(lines).toHaveLength(2);
    const column = (name: string) => header!.indexOf(name);
    const tipLine = lines.find((line) => line[column('action')] === 'order.tip')!;
    expect(tipLine[column('who')]).toBe('Dana R.');
    expect(tipLine[column('changes')]).toBe(trailChanges.find((change) => change.startsWith('tip ')));
    expect(tipLine[column('reason_or_ticket')]).toBe('Customer called, ticket 4812');
    expect(tipLine[column('environment')]).toBe('Sandbox');
    await expect.poll(() => page.getByText('Exported 2 entries.').count()).toBe(1);
  });

  it('changes the tip: over the $500 cap explained before sending, a valid tip accepted', async () => {
    const order = editable[1]!;
    await openOrder(order.orderId);
    await page.getByRole('link', { name: 'Change window, tip or details' }).click();
    const form = page.getByRole('form', { name: 'Change order' });
    const tip = form.getByLabel('Pre-delivery tip');
    await tip.waitFor();
    // The reason typed for the last change is still there for this one, until the console closes.
    expect(await form.getByLabel(/Reason or ticket/).inputValue()).toBe('Customer called, ticket 4812');

    await tip.fill('500.01');
    await expect.poll(() => form.textContent()).toContain('$500.01 is over the $500.00 cap: it will not be sent.');
    const before = requests(world);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => form.getByTestId('error-summary').count()).toBe(1);
    expect(await tip.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('[data-field="initial_tip_cents"]').textContent()).toContain('$500.00');
    expect(requests(world)).toBe(before);
    await shootBothSchemes(page, 'edit-tip-over-cap');

    await tip.fill('12.34');
    await expect.poll(() => form.textContent()).toContain('$12.34 = 1234 cents');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => form.getByTestId('saved').textContent())
      .toContain('Saved 1 change; Instacart accepted the update.');
    expect(world.sandbox.counters.order(order.orderId).updates).toBe(1);

    // A second change moments later: the form says before sending that Instacart will ask to wait, then until when.
    expect(await form.getByTestId('recent-change').textContent()).toContain('refuses another change until');
    await tip.fill('12.35');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const summary = form.getByTestId('error-summary');
    await expect.poll(() => summary.textContent()).toContain('recently updated');
    expect(await summary.textContent()).toMatch(
      /Try again after \d{1,2}:\d{2}\s?[AP]M [A-Z][A-Za-z0-9+:-]* \(in 20 min\)/,
    );
    // Told in the store's time, like the warning above it and the rest of the form.
    expect(await summary.textContent()).toContain(' PST (in 20 min)');
    expect(world.sandbox.counters.order(order.orderId).updates).toBe(1);
    await shootBothSchemes(page, 'edit-order-refused');

    await page.getByRole('link', { name: `← Order ${order.orderId}` }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('$12.34');
  });

  it('warns before changing a delivered order, and shows why Instacart refuses it', async () => {
    const order = delivered!;
    await openOrder(order.orderId);
    await page.getByRole('link', { name: 'Change window, tip or details' }).click();
    const form = page.getByRole('form', { name: 'Change order' });
    await page.getByTestId('closed-order').waitFor();
    expect(await page.getByTestId('closed-order').textContent()).toContain('This order was delivered');
    await form.getByLabel('Pre-delivery tip').fill('7.25');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const summary = form.getByTestId('error-summary');
    await expect.poll(() => summary.textContent()).toContain('Order can no longer be updated: it is delivered.');
    expect(await summary.textContent()).toContain('it has been assigned for fulfillment');
    expect(await summary.textContent()).not.toContain('order_id');
    expect(world.sandbox.counters.order(order.orderId).updates).toBe(0);
  });

  it('changes items, bags, weight, cart total, alcohol and instructions in the same form', async () => {
    const order = editable[2]!;
    await openOrder(order.orderId);
    await page.getByRole('link', { name: 'Change window, tip or details' }).click();
    const form = page.getByRole('form', { name: 'Change order' });
    await form.getByLabel('Items').waitFor();

    // Several problems at once, each on its field, before anything is sent.
    await form.getByLabel('Items').fill('2.5');
    await form.getByLabel('Bags').fill('-1');
    const before = requests(world);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => form.getByTestId('error-summary').count()).toBe(1);
    expect(await form.getByLabel('Items').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Bags').getAttribute('aria-invalid')).toBe('true');
    expect(requests(world)).toBe(before);

    const items = String(order.itemsCount + 1);
    const weight = String(order.itemsWeight + 1.5);
    const cart = (order.cartTotal + 10.01).toFixed(2);
    await form.getByLabel('Items').fill(items);
    await form.getByLabel('Bags').fill(String(order.bagsCount + 1));
    await form.getByLabel('Weight (lbs)').fill(weight);
    await form.getByLabel('Cart total').fill(cart);
    await form.getByLabel('Contains alcohol').setChecked(!order.alcoholic);
    await form.getByLabel(/Special instructions/).fill('Ring twice, side door.');
    await shootBothSchemes(page, 'edit-details');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => form.getByTestId('saved').textContent())
      .toContain('Saved 6 changes; Instacart accepted the update.');

    await page.getByRole('link', { name: `← Order ${order.orderId}` }).click();
    const fact = (label: string) =>
      page
        .locator('dt', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) })
        .locator('+ dd')
        .textContent();
    await expect.poll(() => fact('Items')).toBe(items);
    expect(await fact('Bags')).toBe(String(order.bagsCount + 1));
    expect(await fact('Weight (lbs)')).toBe(weight);
    expect(await fact('Cart total')).toBe(`$${cart}`);
    expect(await fact('Alcoholic')).toBe(order.alcoholic ? 'no' : 'yes');
    expect(await fact('Special instructions')).toBe('Ring twice, side door.');
    expect(world.sandbox.counters.order(order.orderId).updates).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
