import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../electron/core/sandbox';
import type { TestConsole } from '../support/browser-console';
import { startTestConsole } from '../support/browser-console';
import { launchChromium, openConsole } from '../support/chromium';
import { SANDBOX_TEST_NOW } from '../support/sandbox-client';

const ORDERS = 6;

describe("Importing the shop's order export in Chromium", () => {
  let sandbox: Sandbox;
  let running: TestConsole;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    sandbox = await startSandbox({
      orders: ORDERS,
      seed: 21,
      clock: createSandboxClock({ start: SANDBOX_TEST_NOW, frozen: true }),
    });
    running = await startTestConsole({ sandbox, clock: sandbox.clock, prefetch: false });
    browser = await launchChromium();
    ({ page, pageErrors } = await openConsole(browser, running.host.openUrl));
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await sandbox?.close();
  });

  async function workbook(phoneOfFirst: string): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Deliveries');
    sheet.addRow(['Ref', 'Client Ref', 'Recipient', 'Contact', 'Where', 'Zip']);
    sandbox.demoOrders().forEach((order, i) => {
      const phone = i === 0 ? phoneOfFirst : `(415) 555-02${String(i).padStart(2, '0')}`;
      sheet.addRow([order.orderId, order.userId, `Imogen${i} Quill`, phone, `${i + 1} Market St`, '94110']);
    });
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  async function importFile(bytes: Buffer): Promise<void> {
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-file').setInputFiles({
      name: 'deliveries.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    });
    await page.getByTestId('import-preview').waitFor();
  }

  it('maps unfamiliar headers with one column chosen by hand, imports with progress, and the orders are found', async () => {
    await importFile(await workbook('(415) 555-0123'));
    // "Ref" is no name the console knows: the order id is picked by hand, the rest was proposed.
    await expect.poll(() => page.getByTestId('map-orderId').inputValue()).toBe('');
    await page.getByTestId('map-orderId').selectOption({ label: 'Ref' });
    await page.getByTestId('map-userId').selectOption({ label: 'Client Ref' });
    await page.getByTestId('map-phone').selectOption({ label: 'Contact' });
    await page.getByTestId('map-addressLine1').selectOption({ label: 'Where' });
    await expect.poll(() => page.getByTestId('import-preview').textContent()).toContain('(415) 555-0123');
    await page.getByRole('button', { name: 'Import the orders' }).click();
    await expect.poll(() => page.getByTestId('import-state').textContent(), { timeout: 20_000 }).toBe('Finished');
    expect(await page.getByTestId('count-new').textContent()).toBe(String(ORDERS));
    expect(await page.getByTestId('count-asked').textContent()).toBe(`${ORDERS} of ${ORDERS}`);

    await page.getByRole('link', { name: 'Search' }).click();
    await expect.poll(() => page.getByTestId('last-import').textContent()).toContain('deliveries.xlsx');
    await page.getByRole('combobox', { name: 'Search orders' }).fill('Imogen0');
    await expect.poll(() => page.getByTestId('result-count').textContent()).toMatch(/^1 order/);
    await page.getByRole('combobox', { name: 'Search orders' }).fill('4155550123');
    await expect.poll(() => page.getByTestId('result-count').textContent()).toMatch(/^1 order/);
  });

  it('imports the same file again without changing anything, and a changed phone shows in history', async () => {
    await importFile(await workbook('(415) 555-0123'));
    // The mapping made by hand is remembered for these headers.
    await expect.poll(() => page.getByTestId('map-orderId').inputValue()).toBe('0');
    await page.getByRole('button', { name: 'Import the orders' }).click();
    await expect.poll(() => page.getByTestId('import-state').textContent(), { timeout: 20_000 }).toBe('Finished');
    expect(await page.getByTestId('count-unchanged').textContent()).toBe(String(ORDERS));
    expect(await page.getByTestId('count-new').textContent()).toBe('0');

    await importFile(await workbook('(415) 555-0999'));
    await page.getByRole('button', { name: 'Import the orders' }).click();
    await expect.poll(() => page.getByTestId('import-state').textContent(), { timeout: 20_000 }).toBe('Finished');
    expect(await page.getByTestId('count-changed').textContent()).toBe('1');
    await page.goto(
      `${new URL(page.url()).origin}/#/order/sandbox/${encodeURIComponent(sandbox.demoOrders()[0]!.orderId)}`,
    );
    await page.getByText('Phone changed: (415) 555-0123 → (415) 555-0999').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
