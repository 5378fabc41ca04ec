import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../shared/contract';
import { openConsole } from '../support/chromium';
import { consoleInChromium } from '../support/console-in-chromium';

/** A console link from a ticket, opened the browser host's way: `#token=...&open=<url-encoded link>`. */
describe('console links in the browser host', () => {
  const world = consoleInChromium();

  function linkUrl(link: string): string {
    return `${world.running.host.openUrl}&open=${encodeURIComponent(link)}`;
  }

  async function openWith(link: string): Promise<{ page: Page; pageErrors: string[]; close(): Promise<void> }> {
    const { page, pageErrors, context } = await openConsole(world.browser, 'about:blank');
    await page.goto(linkUrl(link));
    return { page, pageErrors, close: () => context.close() };
  }

  it('opens the order a link names, in the environment in use', async () => {
    await world.running.core.idle();
    const found = await world.running.call('orders:search', { environmentId: 'sandbox', text: '', limit: 1 });
    const orderId = (found.value as SearchResult).rows[0]?.orderId ?? '';
    expect(orderId).not.toBe('');

    const { page, pageErrors, close } = await openWith(`lastmile://order/sandbox/${orderId}`);
    await page.getByRole('heading', { level: 1, name: `Order ${orderId}` }).waitFor();
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain(orderId);
    // The token and the link are out of the address bar.
    expect(page.url()).not.toMatch(/token=|open=/);
    expect(await page.getByTestId('link-notice').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('fills the search box from a search link', async () => {
    const { page, close } = await openWith('lastmile://search?q=Main%20St');
    await expect.poll(() => page.getByRole('combobox', { name: 'Search orders' }).inputValue()).toBe('Main St');
    await close();
  });

  it('names an environment the console does not have, and opens nothing', async () => {
    const { page, pageErrors, close } = await openWith('lastmile://order/production-eu/ORD-1');
    const notice = page.getByTestId('link-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('"production-eu", which this console does not have');
    expect(await page.getByRole('heading', { level: 1, name: /^Order / }).count()).toBe(0);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await close();
  });

  it('refuses a malformed link with a message and a hint', async () => {
    const { page, close } = await openWith('lastmile://order/sandbox/..%2F..%2Fsettings/stage');
    const notice = page.getByTestId('link-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/The link was not opened\. .*Ask for a link of the form/);
    expect(await page.getByRole('heading', { level: 1, name: /^Order / }).count()).toBe(0);
    await close();
  });
});
