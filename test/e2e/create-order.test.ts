import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxClock } from '../../electron/core/sandbox';
import { launchChromium, openConsole } from '../support/chromium';
import type { ConsoleWithOrders } from './console-with-orders';
import { startConsoleWithOrders } from './console-with-orders';
import { shootBothSchemes } from './screens';

const SANDBOX_NOW = Date.parse('2026-11-23T17:00:00Z');

interface Customer {
  userId: string;
  first: string;
  last: string;
  street: string;
  postalCode?: string;
  store?: string;
}

describe('Create order in Chromium', () => {
  let world: ConsoleWithOrders;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    world = await startConsoleWithOrders(200, 5, { clock: createSandboxClock({ start: SANDBOX_NOW, frozen: true }) });
    browser = await launchChromium();
    ({ page, pageErrors } = await openConsole(browser, world.running.host.openUrl));
    await page.getByTestId('online-state').filter({ hasText: 'online' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  async function newForm(): Promise<Locator> {
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Create order' }).click();
    const form = page.getByRole('form', { name: 'Create order' });
    await form.getByLabel('User id').waitFor();
    return form;
  }

  /** Fills the customer, address and order, then finds, picks and reserves the first free time slot. */
  async function fillAndReserve(form: Locator, customer: Customer): Promise<void> {
    await form.getByLabel('User id').fill(customer.userId);
    await form.getByLabel('First name').fill(customer.first);
    await form.getByLabel('Last name').fill(customer.last);
    await form.getByLabel('Phone', { exact: true }).fill('(415) 555-0123');
    await form.getByLabel('Address line 1').fill(customer.street);
    await form.getByLabel('Postal code').fill(customer.postalCode ?? '94110');
    // The store is picked from the known ones; a code not among them can still be typed.
    const store = customer.store ?? '1001';
    const stores = form.getByLabel('Store', { exact: true });
    if ((await stores.locator(`option[value="${store}"]`).count()) > 0) await stores.selectOption(store);
    else {
      await form.getByText('Another store code').click();
      await form.getByLabel('Store location code').fill(store);
    }
    await form.getByLabel('Items', { exact: true }).fill('12');
    await form.getByLabel('Weight (lbs)').fill('8.5');
    await form.getByLabel('Pre-delivery tip').fill('5');
    await form.getByRole('button', { name: 'Find delivery times' }).click();
    // Picking the time is enough: it is reserved at once.
    await form.locator('label.option:not(.unavailable)').first().locator('input').check();
    await form.getByTestId('hold').waitFor();
    expect(await form.getByTestId('phone-e164').textContent()).toContain('+14155550123');
  }

  it('shows every missing field at once before sending anything', async () => {
    const form = await newForm();
    await shootBothSchemes(page, 'create');
    await form.getByLabel('Phone', { exact: true }).fill('415 555 0123');
    const before = world.sandbox.counters.totals.requests;
    await form.getByRole('button', { name: 'Create order' }).click();
    const summary = form.getByTestId('error-summary');
    await summary.waitFor();
    const listed = await summary.locator('li').allTextContents();
    // By their labels, in the form's order; a phone typed as people write it is no problem.
    const named = listed.map((line) => line.split(':')[0]!.trim());
    const expected = ['User id', 'First name', 'Last name', 'Address line 1', 'Postal code', 'Store'];
    expect(named.filter((name) => expected.includes(name))).toEqual(expected);
    expect(named.indexOf('Delivery time')).toBeGreaterThan(named.indexOf('Store'));
    expect(named.indexOf('Items')).toBeGreaterThan(named.indexOf('Delivery time'));
    expect(named).not.toContain('Phone');
    expect(listed.join('\n')).not.toContain('service_option_hold_id');
    expect(await form.getByLabel('First name').getAttribute('aria-invalid')).toBe('true');
    expect(world.sandbox.counters.totals.requests).toBe(before);
  });

  it('creates an order from a reserved time slot, says it is working, and opens the new order', async () => {
    const form = await newForm();
    const orderId = await form.getByLabel('Retailer order id').inputValue();
    await fillAndReserve(form, { userId: 'e2e-create-1', first: 'Nadia', last: 'Okafor', street: '50 Valencia St' });
    await shootBothSchemes(page, 'create-reserved');

    await world.sandbox.setFaults({ latencyMs: 600 });
    await form.getByRole('button', { name: 'Create order' }).click();
    await form.getByRole('button', { name: 'Creating the order…' }).waitFor();
    await page.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
    await world.sandbox.setFaults({ latencyMs: 0 });
    expect(page.url()).toContain(`#/order/sandbox/${orderId}`);
    await expect.poll(() => page.locator('main').textContent()).toContain('Nadia Okafor');
    expect(world.sandbox.counters.order(orderId).creates).toBe(1);
  });

  it("shows the API's several refusals together, each on its field with its hint", async () => {
    const form = await newForm();
    const orderId = await form.getByLabel('Retailer order id').inputValue();
    await fillAndReserve(form, { userId: 'e2e-create-2', first: 'Ravi', last: 'Shah', street: '51 Valencia St' });
    // Past the form's own checks, both wrong in a way only Instacart judges.
    await form.getByLabel('First name').fill('4Ravi');
    await form.getByLabel('Address line 1').fill('Valencia Street');
    await form.getByRole('button', { name: 'Create order' }).click();

    const summary = form.getByTestId('error-summary');
    await expect.poll(() => summary.textContent()).toContain('There were issues with your request');
    const listed = await summary.locator('li').allTextContents();
    expect(listed).toHaveLength(2);
    const line = (start: string) => listed.find((text) => text.startsWith(start)) ?? '';
    expect(line('First name: First name is invalid')).toContain('letters, no symbols or numbers');
    expect(line('Delivery address: invalid_address')).toContain('Check the street address and postal code');
    expect(await summary.textContent()).toContain('Connect error 9999');
    expect(await form.getByLabel('First name').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('fieldset[data-field="address"]').getAttribute('class')).toContain('invalid');
    expect(world.sandbox.counters.order(orderId).creates).toBe(0);
    await shootBothSchemes(page, 'create-refused');

    // Corrected in place, the same reserved slot is used.
    await form.getByLabel('First name').fill('Ravi');
    await form.getByLabel('Address line 1').fill('51 Valencia St');
    await form.getByRole('button', { name: 'Create order' }).click();
    await page.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
    expect(world.sandbox.counters.order(orderId).creates).toBe(1);
  });

  it('creates an order asynchronously: the short answer first, the full order on a later refresh', async () => {
    const form = await newForm();
    const orderId = await form.getByLabel('Retailer order id').inputValue();
    await fillAndReserve(form, {
      userId: 'e2e-create-3',
      first: 'Mei',
      last: 'Tanaka',
      street: '1200 Irving St',
      postalCode: '94122',
      store: '2002',
    });
    await form.getByLabel(/Create asynchronously/).check();
    await form.getByRole('button', { name: 'Create order' }).click();
    await page.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain('still processing it');
    expect(await page.locator('main').textContent()).toContain('Mei Tanaka');

    world.sandbox.clock.advance(10_000);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.locator('main').textContent()).not.toContain('still processing it');
    expect(await page.locator('.badge').first().textContent()).toContain('brand new');
    expect(world.sandbox.counters.order(orderId).creates).toBe(1);
  });

  it('lists both the refused and the accepted creates in the audit log', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect.poll(() => page.getByTestId('audit-count').textContent()).toMatch(/^[4-9] entries|^\d\d+ entries/);
    await page.getByLabel('Outcome').selectOption('error');
    await expect.poll(() => page.getByTestId('audit-count').textContent()).toBe('1 entry');
    expect(await page.locator('main').textContent()).toContain('order.create');
    await page.getByLabel('Outcome').selectOption('');
    await expect.poll(() => page.getByTestId('audit-count').textContent()).not.toBe('1 entry');
    await shootBothSchemes(page, 'audit-log');
    expect(pageErrors).toEqual([]);
  });
});
