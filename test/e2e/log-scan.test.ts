import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../electron/core/sandbox';
import type { SearchResult } from '../../shared/contract';
import { openConsole } from '../support/chromium';
import { consoleInChromium } from '../support/console-in-chromium';
import { logLeaks } from '../support/log-scan';

/** Every way a phone number may have been written into a line. */
function phoneForms(phone: string): string[] {
  const digits = phone.replace(/\D/g, '');
  const local = digits.slice(-10);
  return [
    digits,
    local,
    `${local.slice(0, 3)}-${local.slice(3, 6)}-${local.slice(6)}`,
    `(${local.slice(0, 3)}) ${local.slice(3, 6)}-${local.slice(6)}`,
    `${local.slice(3, 6)}-${local.slice(6)}`,
  ];
}

/**
 * The console used in Chromium the way an agent uses it (searches by a customer's name and phone, opens and
 * refreshes the order, follows links, gets refusals), then closed: its log must hold no secret, no token,
 * no customer name and no phone number, in any file.
 */
describe('the log after a session', () => {
  const world = consoleInChromium();

  it('holds no secret, token, customer name or phone', async () => {
    await world.running.core.idle();
    const listed = await world.running.call('orders:search', { environmentId: 'sandbox', text: '', limit: 1 });
    const orderId = (listed.value as SearchResult).rows[0]?.orderId ?? '';
    expect(orderId).not.toBe('');
    // What an agent types while a customer is on the phone.
    // The sandbox's customers have 555-01xx phones: this one is no customer's, so the search finds nothing.
    const customer = { name: 'Rosalind Quennell', phone: '(415) 555-0299' };

    const { page, context } = await openConsole(world.browser, world.running.host.openUrl);
    const box = page.getByRole('combobox', { name: 'Search orders' });
    for (const text of [customer.name, customer.phone]) {
      await box.fill(text);
      await expect.poll(() => page.getByRole('main').textContent()).toContain('No cached order matches');
    }
    await box.fill(orderId);
    await page.locator('[role=option] .id', { hasText: orderId }).first().waitFor();
    await box.press('Enter');
    await page.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.getByTestId('fetched-at').textContent()).not.toContain('cached copy');
    await context.close();
    const linked = await openConsole(
      world.browser,
      `${world.running.host.openUrl}&open=${encodeURIComponent(`lastmile://search?q=${customer.phone}`)}`,
    );
    await expect
      .poll(() => linked.page.getByRole('combobox', { name: 'Search orders' }).inputValue())
      .toBe(customer.phone);
    await linked.context.close();
    // Refusals are logged: an unknown order, and input that is not valid.
    expect((await world.running.call('orders:get', { environmentId: 'sandbox', orderId: 'LM-NO-SUCH-ORDER' })).ok).toBe(
      false,
    );
    expect(
      (await world.running.call('orders:search', { environmentId: 'sandbox', text: customer.phone, limit: 'all' })).ok,
    ).toBe(false);

    const logs = join(world.running.dataDir, 'logs');
    const text = readdirSync(logs)
      .map((file) => readFileSync(join(logs, file), 'utf8'))
      .join('\n');
    expect(text).toContain('core started');
    expect(text).toMatch(/orders:search refused: invalid_input/);
    const forbidden = [DEMO_CREDENTIALS.clientSecret, 'Bearer ', 'Rosalind', 'Quennell', ...phoneForms(customer.phone)];
    expect(forbidden.filter((value) => text.includes(value))).toEqual([]);
    expect(logLeaks(world.running.dataDir, ['Rosalind', 'Quennell'])).toEqual([]);
  });
});
