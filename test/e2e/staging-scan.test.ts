import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanLookup } from '../../shared/contract';
import { launchChromium, openConsole } from '../support/chromium';
import type { TestConsole } from '../support/browser-console';
import { startTestConsole } from '../support/browser-console';
import type { StagingSandbox } from '../support/staging-sandbox';
import { startStagingSandbox } from '../support/staging-sandbox';
import { shootBothSchemes } from './screens';

describe('Scan mode on the staging screen, in Chromium', () => {
  let env: StagingSandbox;
  let running: TestConsole;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    env = await startStagingSandbox(60, { faults: { latencyMs: 20 } });
    running = await startTestConsole({ sandbox: env.sandbox, staging: { progressEveryMs: 100 } });
    await running.core.idle();
    browser = await launchChromium();
    ({ page, pageErrors } = await openConsole(browser, running.host.openUrl));
    cdp = await page.context().newCDPSession(page);
    await page.getByTestId('online-state').filter({ hasText: 'online' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await env?.sandbox.close();
  });

  let cdp: CDPSession;
  let clockS = Date.now() / 1000;

  /**
   * A handheld scanner in keyboard mode: the code's keys 5 ms apart, then Enter. Each key carries its own
   * time stamp, as a USB keyboard's events do, so a busy test machine delivering them late does not make
   * the scanner look like a person.
   */
  async function scan(code: string, gapMs = 5): Promise<void> {
    clockS = Math.max(clockS, Date.now() / 1000);
    const key = async (key: string, text: string, keyCode: number) => {
      clockS += gapMs / 1000;
      const base = { key, code: keyCode === 13 ? 'Enter' : '', windowsVirtualKeyCode: keyCode, timestamp: clockS };
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text, unmodifiedText: text, ...base });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
    };
    for (const char of code) await key(char, char, char.toUpperCase().charCodeAt(0));
    await key('Enter', '\r', 13);
  }

  const lookup = async (code: string) =>
    (await running.call('staging:scan-lookup', { environmentId: 'sandbox', code })).value as ScanLookup;

  it('scans 20 labels (one twice, one unknown) into a list that goes through the preview and the job', async () => {
    // What the cache says each order expects, as the console itself looks it up.
    const candidates = env.stageable.slice(0, 40);
    const expected = new Map<string, number | null>();
    for (const id of candidates) expected.set(id, (await lookup(id)).bagsExpected);
    const multi = candidates.find((id) => (expected.get(id) ?? 0) >= 2);
    const single = candidates.find((id) => expected.get(id) === 1);
    expect(multi, 'an order expecting two bags or more').toBeDefined();
    expect(single, 'an order expecting one bag').toBeDefined();
    const orders = [multi!, single!, ...candidates.filter((id) => id !== multi && id !== single).slice(0, 16)];

    await page.getByRole('link', { name: 'Bulk staging' }).click();
    const panel = page.getByTestId('scan-panel');
    await panel.waitFor();
    const last = page.getByTestId('scan-last');
    /** Waits for the panel to confirm (or flag) a scan; a failure says what it shows instead. */
    const confirmed = async (text: string | RegExp) => {
      try {
        await last.getByText(text).waitFor({ timeout: 10_000 });
      } catch {
        throw new Error(`Waited for "${String(text)}"; the scan panel shows: ${await panel.textContent()}`);
      }
    };
    // No field is clicked: focus stays on the link that opened the screen.
    for (const [index, id] of orders.entries()) {
      await scan(id);
      await confirmed(`Added ${id} (bag 1).`);
      // The trigger pressed twice on the fifth label: the second read, within a second, is counted once.
      if (index === 4) {
        await scan(id);
        await confirmed(`${id} scanned again within a second: counted once.`);
      }
    }
    await scan('LM-NOPE-404');
    await confirmed(/^Unknown order LM-NOPE-404:/);
    expect(await last.getAttribute('class')).toMatch(/flag/);
    const table = page.getByTestId('scanned-orders');
    expect(await table.locator('tbody tr').count()).toBe(18);
    // A person typing an id, keys 120 ms apart, is not a scanner: nothing is taken or flagged.
    const before = await last.textContent();
    await scan(orders[17]!.replace(/.$/, '9'), 120);
    await page.waitForTimeout(300);
    expect(await last.textContent()).toBe(before);
    expect(await table.locator('tbody tr').count()).toBe(18);

    // A second bag of an order, after the repeat window; and one bag more than an order expects, flagged.
    await page.waitForTimeout(1100);
    clockS += 1.1;
    await scan(multi!);
    await confirmed(`${multi}: bag 2 of ${expected.get(multi!)}.`);
    await scan(single!);
    await confirmed(`${single} expects 1 bag: this scan is one more, not counted. Check the bag's label.`);
    expect(await table.locator(`tr[data-order-id="${multi}"] .bags`).textContent()).toBe(
      `2 of ${expected.get(multi!)}`,
    );
    expect(await table.locator(`tr[data-order-id="${single}"] .bags`).textContent()).toBe('1 of 1');
    expect(await table.locator('tbody tr').count()).toBe(18);
    await shootBothSchemes(page, 'staging-scan');

    await panel.getByRole('button', { name: 'Preview 18 scanned orders (19 bags)' }).click();
    await page.getByRole('heading', { name: 'Preview: 18 orders to stage' }).waitFor();
    expect(await page.getByLabel(`Bags for order ${multi}`).inputValue()).toBe('2');
    expect(await page.getByLabel(`Bags for order ${orders[5]}`).inputValue()).toBe('1');
    await page.getByLabel('Job name').fill('Shelf scan');
    await page.getByRole('button', { name: 'Start staging 18 orders in Sandbox' }).click();
    await page.getByRole('heading', { name: 'Shelf scan' }).waitFor();
    await expect.poll(() => page.getByTestId('job-state').textContent(), { timeout: 30_000 }).toBe('Finished');
    expect(Number(await page.getByTestId('count-done').textContent())).toBe(18);
    expect(env.audit(orders)).toEqual({ doubled: [], missing: [] });
    expect(env.sandbox.counters.order('LM-NOPE-404').stages).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download report (CSV)' }).click(),
    ]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(19);
    // order_id, line, result, order_status, attempts, bags_count, ...
    const cells = new Map(lines.slice(1).map((line) => [line.split(',')[0]!, line.split(',')]));
    expect([...cells.keys()].sort()).toEqual([...orders].sort());
    for (const [id, row] of cells) {
      expect(row[2]).toBe('staged');
      expect(row[5]).toBe(id === multi ? '2' : '1');
    }
    expect(pageErrors).toEqual([]);
  });
});
