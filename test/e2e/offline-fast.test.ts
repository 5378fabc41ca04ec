import type { Server, Socket } from 'node:net';
import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../electron/core/sandbox';
import { startSandbox } from '../../electron/core/sandbox';
import { launchChromium, openConsole } from '../support/chromium';
import type { ConsoleWithOrders } from './console-with-orders';
import { startConsoleWithOrders } from './console-with-orders';

/** An API that has stopped answering: connections are taken on its port and nothing ever comes back. */
async function silentServer(port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('The header says offline within 2 s in Chromium', () => {
  let world: ConsoleWithOrders;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let restarted: Sandbox | undefined;
  let silent: { close(): Promise<void> } | undefined;

  beforeAll(async () => {
    world = await startConsoleWithOrders(300, 7, {}, { reconnectDelaysMs: [500] });
    browser = await launchChromium();
    ({ page, pageErrors } = await openConsole(browser, world.running.host.openUrl));
    await page.getByTestId('online-state').filter({ hasText: 'online' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await silent?.close();
    await world?.close();
    await restarted?.close();
  });

  it('turns "Offline" within 2 s of a request the API stops answering, and back to "Online" by itself', async () => {
    const order = world.demo(5);
    await page.getByRole('link', { name: 'Search' }).click();
    const box = page.getByRole('combobox', { name: 'Search orders' });
    await box.fill(order.orderId);
    await page.locator('[role=option] .id', { hasText: order.orderId }).first().click();
    await page.getByRole('heading', { name: `Order ${order.orderId}` }).waitFor();
    const header = page.getByTestId('online-state');
    expect(await header.innerText()).toBe('Online');

    // The sandbox goes quiet: its port still takes the connection, and no answer ever comes.
    const port = Number(new URL(world.sandbox.url).port);
    await world.sandbox.close();
    silent = await silentServer(port);
    // Timed by the page itself, from the click to the header's change, as the agent sees it.
    await page.evaluate(() => {
      const times = { clickedAt: 0, offlineAt: 0 };
      Object.assign(window, { offlineTimes: times });
      document.addEventListener('click', () => (times.clickedAt ||= performance.now()), { capture: true });
      const header = document.querySelector('[data-testid=online-state]')!;
      new MutationObserver(() => {
        if (header.textContent?.includes('offline')) times.offlineAt ||= performance.now();
      }).observe(header, { childList: true, subtree: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await header.filter({ hasText: 'offline' }).waitFor({ timeout: 5_000 });
    const times = await page.evaluate(
      () => (window as unknown as { offlineTimes: { clickedAt: number; offlineAt: number } }).offlineTimes,
    );
    expect(times.clickedAt).toBeGreaterThan(0);
    const shownAfterMs = times.offlineAt - times.clickedAt;
    expect(await header.innerText()).toBe('Offline');
    expect(shownAfterMs).toBeLessThan(2_000);
    // Nothing answered: the console never heard back from the request it is still waiting on.
    expect(await page.getByRole('button', { name: 'Refreshing…' }).count()).toBe(1);

    // The API answers again on the same address: the console's own checks find it, with nothing clicked.
    await silent.close();
    silent = undefined;
    restarted = await startSandbox({ port, orders: 300, seed: 7 });
    await header.filter({ hasText: 'online' }).waitFor({ timeout: 10_000 });
    expect(await header.innerText()).toBe('Online');
    expect(restarted.counters.totals.tokens).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });
});
