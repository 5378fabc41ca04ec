import { join } from 'node:path';
import { openCache } from '../../electron/core/cache/cache';
import { startTestConsole } from '../support/browser-console';
import { launchChromium, openConsole } from '../support/chromium';
import { tempDir } from '../support/temp-dir';
import { fixed, percentile, table } from './bench-stats';
import { HOW_THE_ORDERS_ARE_MADE, loadSandboxOrders } from './sandbox-orders';

/**
 * The search screen's result list over a cache of BENCH_LIST_ORDERS orders (default 100,000), in
 * Chromium through the browser host: how long results take to appear and to follow typing, and the
 * frame times while scrolling through all of them (wheel-sized steps, then long jumps).
 */
const COUNT = Number(process.env.BENCH_LIST_ORDERS ?? 100_000);
const FRAMES = 240;
const TARGETS = { firstRowsMs: 1000, typingMs: 300, scrollP95Ms: 50, jumpFilledMs: 500, heapMb: 150 };

const dir = tempDir('lastmile-bench-list-');
const cache = openCache(join(dir.path, 'lastmile.db'));
console.log(`${COUNT.toLocaleString('en-US')} ${HOW_THE_ORDERS_ARE_MADE}`);
await loadSandboxOrders(cache, 'sandbox', { count: COUNT, seed: 11, now: Date.now() });
cache.close();

const running = await startTestConsole({ dataDir: dir.path, sandbox: false });
const browser = await launchChromium();
try {
  const { page } = await openConsole(browser, 'about:blank');
  const started = performance.now();
  await page.goto(running.host.openUrl);
  await page.locator('[role=option] .id').first().waitFor();
  const firstRowsMs = performance.now() - started;
  const countText = ((await page.getByTestId('result-count').textContent()) ?? '').replace(/ in \d+ ms$/, '');

  // Typing: from the last keystroke to the new count on screen (debounce included).
  const typing: number[] = [];
  for (const text of ['ma', 'mar', 'maria', '']) {
    const before = await page.getByTestId('result-count').textContent();
    const t0 = performance.now();
    await page.getByRole('combobox', { name: 'Search orders' }).fill(text);
    await page.waitForFunction(
      (previous) => document.querySelector('[data-testid=result-count]')?.textContent !== previous,
      before,
    );
    typing.push(performance.now() - t0);
  }
  await page
    .getByTestId('result-count')
    .filter({ hasText: `${countText} in` })
    .waitFor();

  const scroll = (step: number) =>
    page.evaluate(
      async ({ step, frames }) => {
        const list = document.querySelector('[role=listbox]') as HTMLElement;
        list.scrollTop = 0;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const times: number[] = [];
        let last = performance.now();
        for (let i = 0; i < frames; i++) {
          list.scrollTop = step > 0 ? list.scrollTop + step : Math.random() * list.scrollHeight;
          await new Promise((resolve) => requestAnimationFrame(resolve));
          const now = performance.now();
          times.push(now - last);
          last = now;
        }
        return times;
      },
      { step, frames: FRAMES },
    );
  const wheel = await scroll(120);
  const jumps = await scroll(-1);

  // A jump to the end: how long until every visible row shows its order.
  const jumpFilledMs = await page.evaluate(async () => {
    const list = document.querySelector('[role=listbox]') as HTMLElement;
    const t0 = performance.now();
    list.scrollTop = list.scrollHeight;
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const rows = [...document.querySelectorAll('[role=option]')];
      if (rows.length > 0 && rows.every((row) => row.querySelector('.id'))) return performance.now() - t0;
    }
  });
  const heapMb = await page.evaluate(
    () => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN) / 2 ** 20,
  );
  const renderedRows = await page.locator('[role=option]').count();

  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  console.log(
    `${COUNT.toLocaleString('en-US')} cached orders; the list shows "${countText}" with ${renderedRows} rows in the page`,
  );
  console.log(
    table([
      ['measure', 'value', 'target', ''],
      [
        'first rows after opening (ms)',
        fixed(firstRowsMs, 0),
        `< ${TARGETS.firstRowsMs}`,
        verdict(firstRowsMs < TARGETS.firstRowsMs),
      ],
      [
        'typing to new results, worst (ms)',
        fixed(Math.max(...typing), 0),
        `< ${TARGETS.typingMs}`,
        verdict(Math.max(...typing) < TARGETS.typingMs),
      ],
      ['wheel scroll frame p50 (ms)', fixed(percentile(wheel, 50), 1), '', ''],
      [
        'wheel scroll frame p95 (ms)',
        fixed(percentile(wheel, 95), 1),
        `< ${TARGETS.scrollP95Ms}`,
        verdict(percentile(wheel, 95) < TARGETS.scrollP95Ms),
      ],
      ['random jump frame p50 (ms)', fixed(percentile(jumps, 50), 1), '', ''],
      [
        'random jump frame p95 (ms)',
        fixed(percentile(jumps, 95), 1),
        `< ${TARGETS.scrollP95Ms}`,
        verdict(percentile(jumps, 95) < TARGETS.scrollP95Ms),
      ],
      [
        'jump to the end until rows filled (ms)',
        fixed(jumpFilledMs, 0),
        `< ${TARGETS.jumpFilledMs}`,
        verdict(jumpFilledMs < TARGETS.jumpFilledMs),
      ],
      ['page JS heap (MB)', fixed(heapMb, 1), `< ${TARGETS.heapMb}`, verdict(heapMb < TARGETS.heapMb)],
    ]),
  );
} finally {
  await browser.close();
  await running.close();
  dir.remove();
}
