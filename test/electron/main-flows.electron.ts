import type { ElectronApplication, Page } from 'playwright-core';
import { _electron } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../electron/launch/paths';
import type { SandboxInfo } from '../../electron/core/sandbox';
import { tempDir } from '../support/temp-dir';
import { FLOW_LABELS as L, MAIN_FLOWS } from './labels';

/**
 * The built app (dist-electron/main.cjs and dist/renderer) in the real Electron binary, on a fresh data
 * folder, through the main flows of the browser e2e tests. Needs Electron's binary: hosted CI runs it.
 */
describe('the real app', () => {
  const data = tempDir('lastmile-electron-');
  let app: ElectronApplication;
  let page: Page;
  let sandbox: SandboxInfo;

  beforeAll(async () => {
    app = await _electron.launch({ args: [repoRoot, `--user-data-dir=${data.path}`], cwd: repoRoot });
    page = await app.firstWindow();
  });
  afterAll(async () => {
    await app?.close();
    data.remove();
  });

  async function openOrder(orderId: string): Promise<void> {
    await page.getByRole('link', { name: L.searchLink, exact: true }).click();
    const box = page.getByRole('combobox', { name: L.searchBox });
    await box.fill(orderId);
    await page.locator('[role=option] .id', { hasText: orderId }).first().waitFor();
    await box.press('Enter');
    await page.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
  }

  it(MAIN_FLOWS[0], async () => {
    expect(page.url()).toMatch(/^app:\/\/lastmile\//);
    await page.getByTestId('online-state').filter({ hasText: 'online' }).waitFor();
    await page.getByRole('link', { name: L.environmentsLink }).click();
    const row = page.getByTestId('environment-sandbox');
    await expect.poll(() => row.textContent()).toContain('in use');
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec((await row.textContent()) ?? '')?.[0];
    expect(url).toBeTruthy();
    sandbox = (await (await fetch(`${url}/_sandbox/info`)).json()) as SandboxInfo;
    expect(sandbox.sample_order_ids.length).toBeGreaterThan(0);
  });

  it(MAIN_FLOWS[1], async () => {
    await page.getByRole('link', { name: L.searchLink, exact: true }).click();
    const orderId = sandbox.sample_order_ids[0] ?? '';
    await page.getByRole('combobox', { name: L.searchBox }).fill(orderId);
    await page.locator('[role=option] .id', { hasText: orderId }).first().waitFor();
  });

  it(MAIN_FLOWS[2], async () => {
    await openOrder(sandbox.sample_order_ids[0] ?? '');
    expect(await page.locator('main').textContent()).toContain('History');
  });

  it(MAIN_FLOWS[3], async () => {
    // The first sample order the API still lets the console change.
    for (const orderId of sandbox.sample_order_ids) {
      await openOrder(orderId);
      if ((await page.getByRole('link', { name: L.editLink }).count()) === 0) continue;
      await page.getByRole('link', { name: L.editLink }).click();
      const form = page.getByRole('form', { name: 'Change order' });
      if (await form.getByRole('button', { name: L.saveButton }).isDisabled()) continue;
      await form.getByLabel(L.tipField).fill('3.50');
      await form.getByRole('button', { name: L.saveButton }).click();
      await expect.poll(() => form.textContent()).toContain(L.savedMessage);
      return;
    }
    throw new Error('No sample order of the sandbox could be edited.');
  });

  it(MAIN_FLOWS[4], async () => {
    const orderId = sandbox.dispatch_order_ids[0] ?? '';
    expect(orderId).not.toBe('');
    await page.getByRole('link', { name: L.stagingLink }).click();
    await page.getByLabel(L.pasteSheet).fill(`order_id,bags_count,items_count\n${orderId},2,6\n`);
    await page.getByRole('button', { name: L.previewButton }).click();
    await page.getByRole('heading', { name: 'Preview: 1 order to stage' }).waitFor();
    await page.getByRole('button', { name: new RegExp(`^${L.startStaging}`) }).click();
    await expect.poll(() => page.locator('main').textContent()).toMatch(/1 staged/);
  });
});
