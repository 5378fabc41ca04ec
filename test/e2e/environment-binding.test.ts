import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox';
import { DEMO_CREDENTIALS, startSandbox } from '../../electron/core/sandbox';
import type { EnvironmentView } from '../../shared/domain';
import type { TestConsole } from '../support/browser-console';
import { startTestConsole } from '../support/browser-console';
import { launchChromium, openConsole } from '../support/chromium';
import type { StagingSandbox } from '../support/staging-sandbox';
import { startStagingSandbox } from '../support/staging-sandbox';

/**
 * Two sandboxes: the built-in one (A, "Sandbox") and a second one added as a custom environment (B,
 * "Store 42"). Work started in A and left on screen across a switch must never reach B.
 */
describe('Screens bound to their environment, in Chromium, with two sandboxes', () => {
  let a: StagingSandbox;
  let b: Sandbox;
  let running: TestConsole;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let other: EnvironmentView;

  beforeAll(async () => {
    a = await startStagingSandbox(10);
    b = await startSandbox({ orders: 40, seed: 2 });
    running = await startTestConsole({ sandbox: a.sandbox });
    await running.core.idle();
    const added = await running.call('environments:add', {
      name: 'Store 42',
      kind: 'custom',
      baseUrl: b.url,
      clientId: DEMO_CREDENTIALS.clientId,
    });
    other = added.value as EnvironmentView;
    await running.call('environments:set-secret', { id: other.id, secret: DEMO_CREDENTIALS.clientSecret });
    browser = await launchChromium();
    ({ page, pageErrors } = await openConsole(browser, running.host.openUrl));
    await page.getByTestId('online-state').filter({ hasText: 'online' }).waitFor();
  });
  afterAll(async () => {
    await running?.call('environments:select', { id: 'sandbox' });
    if (other) await running?.call('environments:remove', { id: other.id });
    await browser?.close();
    await running?.close();
    await a?.sandbox.close();
    await b?.close();
  });

  const picker = () => page.getByLabel('Environment', { exact: true });
  const confirmation = () => page.getByRole('alertdialog');
  const nothingChanged = () => {
    expect(b.counters.totals.stages + b.counters.totals.updates + b.counters.totals.creates).toBe(0);
    expect(a.sandbox.counters.totals.stages + a.sandbox.counters.totals.updates).toBe(0);
  };
  const switchTo = async (name: string) => {
    await picker().selectOption({ label: name });
  };
  const inUse = async (name: string) =>
    expect.poll(async () => (await picker().locator('option:checked').textContent())?.trim()).toBe(name);

  async function tickTwo(): Promise<void> {
    await page.getByRole('link', { name: 'Search' }).click();
    const boxes = page.getByRole('checkbox', { name: /^Pick order .* for staging$/ });
    await boxes.nth(1).waitFor();
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Stage selected (2)' }).waitFor();
  }

  it('asks before dropping ticks of Sandbox, keeps them on cancel, and drops them on a confirmed switch', async () => {
    await tickTwo();
    await switchTo('Store 42');
    await confirmation().waitFor();
    expect(await confirmation().textContent()).toContain('Discard 2 ticked orders of Sandbox?');
    await confirmation().getByRole('button', { name: 'Cancel' }).click();
    await inUse('Sandbox');
    expect(await page.getByRole('button', { name: 'Stage selected (2)' }).count()).toBe(1);

    await switchTo('Store 42');
    await confirmation().getByRole('button', { name: 'Discard and switch to Store 42' }).click();
    await inUse('Store 42');
    await expect.poll(() => page.getByRole('button', { name: /^Stage selected/ }).count()).toBe(0);
    await page.getByRole('link', { name: 'Bulk staging' }).click();
    await page.getByRole('heading', { name: 'Choose orders' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Picked in search (0)' }).count()).toBe(1);
    nothingChanged();
  });

  it('drops a staging preview of Sandbox after a confirmed switch: nothing is staged anywhere', async () => {
    await switchTo('Sandbox');
    await inUse('Sandbox');
    await tickTwo();
    await page.getByRole('button', { name: 'Stage selected (2)' }).click();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Preview: 2 orders to stage' }).waitFor();
    expect(await page.getByRole('button', { name: 'Start staging 2 orders in Sandbox' }).count()).toBe(1);

    await switchTo('Store 42');
    await confirmation().waitFor();
    expect(await confirmation().textContent()).toContain('Discard the staging preview of 2 orders in Sandbox?');
    await confirmation().getByRole('button', { name: 'Discard and switch to Store 42' }).click();
    await inUse('Store 42');
    await page.getByRole('heading', { name: 'Choose orders' }).waitFor();
    expect(await page.getByRole('button', { name: /^Start staging/ }).count()).toBe(0);
    nothingChanged();
  });

  it('an open order and its edit form of Sandbox say so after a switch and send nothing to Store 42', async () => {
    await switchTo('Sandbox');
    await inUse('Sandbox');
    const [orderId = ''] = a.stageable;
    await page.evaluate((id) => (location.hash = `#/order/sandbox/${encodeURIComponent(id)}`), orderId);
    await page.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
    await page.getByRole('link', { name: 'Change window, tip or details' }).click();
    const form = page.getByRole('form', { name: 'Change order' });
    await form.getByLabel('Pre-delivery tip').fill('7.00');

    await switchTo('Store 42');
    await confirmation().waitFor();
    expect(await confirmation().textContent()).toContain(`Discard the open edit of order ${orderId} in Sandbox?`);
    await confirmation().getByRole('button', { name: 'Discard and switch to Store 42' }).click();
    await inUse('Store 42');
    await page.getByRole('heading', { name: `Order ${orderId} is in Sandbox` }).waitFor();
    expect(await page.getByText('the console now uses Store 42').count()).toBe(1);
    expect(await form.count()).toBe(0);
    expect(page.url()).toContain(`#/order/sandbox/${encodeURIComponent(orderId)}/edit`);
    nothingChanged();

    // The way back is offered, and lands on the same order in its own environment.
    await page.getByRole('button', { name: 'Switch to Sandbox' }).click();
    await inUse('Sandbox');
    await page.getByRole('form', { name: 'Change order' }).waitFor();
    nothingChanged();
    expect(pageErrors).toEqual([]);
  });

  it('a screen that missed the switch is refused by the core, and says why with what to do', async () => {
    await running.call('environments:select', { id: 'sandbox' });
    // A window whose event stream is cut does not hear of the switch: its preview stays on screen.
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    await context.route('**/api/events', (route) => route.abort());
    const stale = await context.newPage();
    await stale.goto(running.host.openUrl);
    await stale.getByRole('link', { name: 'Search' }).click();
    const boxes = stale.getByRole('checkbox', { name: /^Pick order .* for staging$/ });
    await boxes.nth(1).waitFor();
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await stale.getByRole('button', { name: 'Stage selected (2)' }).click();
    await stale.getByRole('button', { name: 'Preview' }).click();
    const start = stale.getByRole('button', { name: 'Start staging 2 orders in Sandbox' });
    await start.waitFor();

    await running.call('environments:select', { id: other.id });
    await start.click();
    await stale.getByText('This screen was for Sandbox; the console now uses Store 42.').waitFor();
    expect(
      await stale.getByText('Reload the screen to work in Store 42, or switch back to Sandbox first.').count(),
    ).toBe(1);
    nothingChanged();
    await context.close();
  });
});
