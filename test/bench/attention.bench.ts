import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openCache } from '../../electron/core/cache/cache';
import { createAttention } from '../../electron/core/watch/attention';
import { createNearWindow } from '../../electron/core/watch/near-window';
import { tempDir } from '../support/temp-dir';
import { fixed, percentile, table, timed } from './bench-stats';
import { HOW_THE_ORDERS_ARE_MADE, loadSandboxOrders } from './sandbox-orders';

/**
 * The watcher's reads of the cache, on a real file of generated orders: the needs-attention list
 * (looked at at most once a second, on the core's thread) and the next near-window orders to refresh.
 * BENCH_ATTENTION_ORDERS sets the number of orders (default 1,000,000).
 */
const COUNT = Number(process.env.BENCH_ATTENTION_ORDERS ?? 1_000_000);
const NOW = Date.UTC(2026, 5, 15, 19);
const ENV = 'bench';
const TARGETS = { attentionP95Ms: 100, nearP95Ms: 10 };

console.log(`load average at start: ${loadavg()[0]!.toFixed(1)} (2 cores: above 2, other work is competing)`);
const dir = tempDir('lastmile-bench-attention-');
const cache = openCache(join(dir.path, 'lastmile.db'), { clock: { now: () => NOW } });
try {
  const started = performance.now();
  await loadSandboxOrders(cache, ENV, { count: COUNT, seed: 42, now: NOW });
  console.log(`loaded ${COUNT.toLocaleString('en-US')} ${HOW_THE_ORDERS_ARE_MADE}`);
  console.log(`in ${fixed((performance.now() - started) / 1000, 1)} s`);
  const attention = createAttention(cache.database.db);
  const near = createNearWindow(cache.database.db);
  const sample = (n: number, fn: () => unknown) => Array.from({ length: n }, () => timed(fn).ms);
  let total = 0;
  const lists = sample(20, () => (total = attention.list(ENV, NOW, 30, new Set()).total));
  let batch = 0;
  // Every order was fetched at NOW: none is due, so the walk covers the whole 24 h (what an idle watcher
  // reads once per rest); then every order due, as after a restart, where the walk stops at 50.
  const nears = sample(100, () => near(ENV, NOW, NOW - 60_000, 50));
  const dues = sample(100, () => (batch = near(ENV, NOW, NOW + 1, 50).length));
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const listP95 = percentile(lists, 95);
  const nearP95 = percentile(nears, 95);
  const dueP95 = percentile(dues, 95);
  console.log(
    table([
      ['', 'p50 ms', 'p95 ms', 'target p95', ''],
      [
        'attention list',
        fixed(percentile(lists, 50), 1),
        fixed(listP95, 1),
        `${TARGETS.attentionP95Ms}`,
        verdict(listP95 <= TARGETS.attentionP95Ms),
      ],
      [
        'near window, none due',
        fixed(percentile(nears, 50), 2),
        fixed(nearP95, 2),
        `${TARGETS.nearP95Ms}`,
        verdict(nearP95 <= TARGETS.nearP95Ms),
      ],
      [
        'next 50 near window due',
        fixed(percentile(dues, 50), 2),
        fixed(dueP95, 2),
        `${TARGETS.nearP95Ms}`,
        verdict(dueP95 <= TARGETS.nearP95Ms),
      ],
    ]),
  );
  console.log(`the list held ${total.toLocaleString('en-US')} rows; a near-window batch ${batch} orders`);
} finally {
  cache.close();
  dir.remove();
}
