import Database from 'better-sqlite3';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openCache } from '../../electron/core/cache/cache';
import { createSandboxClock, startSandbox } from '../../electron/core/sandbox';
import type { SearchResult } from '../../shared/contract';
import type { CoreHarness } from '../support/core-harness';
import { startCoreHarness } from '../support/core-harness';
import { MemoryCredentialStore } from '../support/memory-credential-store';
import { startPostgres } from '../support/postgres';
import { SANDBOX_TEST_NOW } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';
import { TEST_TEAM_TUNING, teamDatabase } from '../integration/team/team-fixture';
import { SHOP_HEADERS, csvOf, inspect, runImport, upload } from '../integration/shop-import/import-support';
import { fixed, percentile, table } from './bench-stats';
import { HOW_THE_ORDERS_ARE_MADE, loadSandboxOrders } from './sandbox-orders';

/**
 * Team mode on a real PostgreSQL server of its own. Ten console cores import a one-order shop export at
 * once, round after round, and every other core's search is watched for the order: change-to-visible.
 * Then a fresh console joins a team database holding BENCH_TEAM_ORDERS orders (default 100,000) and
 * catches up. The machine is shared: the load average says how much of it the run had.
 */
const CORES = 10;
const ROUNDS = Number(process.env.BENCH_TEAM_ROUNDS ?? 5);
const CATCH_UP = Number(process.env.BENCH_TEAM_ORDERS ?? 100_000);
const TARGETS = { visibleP95Ms: 1_000, catchUpS: 15 };

console.log(`load average at start: ${loadavg()[0]!.toFixed(1)} (2 cores: above 2, other work competes for the CPU)`);
const server = await startPostgres();
const sandbox = await startSandbox({ orders: 10, seed: 7, clock: createSandboxClock({ start: SANDBOX_TEST_NOW }) });
const consoles: CoreHarness[] = [];
const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', '-08:00');
// A bench runs without the tests' private keychain: each core keeps its password in memory.
const base = () => ({
  sandbox,
  clock: sandbox.clock,
  prefetch: false,
  imports: { progressEveryMs: 0 },
  team: TEST_TEAM_TUNING,
  credentialStore: new MemoryCredentialStore(),
});

async function importOne(harness: CoreHarness, orderId: string, name: string): Promise<void> {
  const row = [orderId, 'bench-user', name, '(415) 555-0100', '1 Main St', '', '94110', '1001'];
  row.push(at(SANDBOX_TEST_NOW + 86_400_000), at(SANDBOX_TEST_NOW + 90_000_000), 'B-1', '1', '1', '1', '0');
  const uploadId = await upload(harness, `${orderId}.csv`, Buffer.from(csvOf([SHOP_HEADERS, row])));
  const seen = await inspect(harness, uploadId);
  if (!seen.ok) throw new Error(JSON.stringify(seen.error));
  await runImport(harness, uploadId, seen.value.mapping);
}

/** Searches each time the core says changes arrived from the team, so the watching costs little CPU. */
async function visibleAfter(harness: CoreHarness, name: string, since: number): Promise<number> {
  let seen = -1;
  for (;;) {
    const arrived = harness.events.filter((e) => e.name === 'team:changed').length;
    if (arrived !== seen) {
      seen = arrived;
      const found = await harness.value<SearchResult>('orders:search', { environmentId: 'sandbox', text: name });
      if (found.total > 0) return performance.now() - since;
    }
    if (performance.now() - since > 30_000) throw new Error(`${name} was not seen within 30 s.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

try {
  const teamUrl = await teamDatabase(server, 'team');
  for (let i = 0; i < CORES; i++) {
    const harness = await startCoreHarness(base());
    await harness.value('team:set', { id: 'sandbox', url: teamUrl });
    consoles.push(harness);
  }
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // A name per core and round that only its own import carries, found by search on every other core.
    const names = consoles.map((_, i) => `Benchname${round}x${i}q`);
    const watches = await Promise.all(
      consoles.map(async (harness, i) => {
        await importOne(harness, `BENCH-${round}-${i}`, `${names[i]} Tester`);
        const written = performance.now();
        return Promise.all(
          consoles.filter((other) => other !== harness).map((other) => visibleAfter(other, names[i]!, written)),
        );
      }),
    );
    samples.push(...watches.flat());
  }
  const p50 = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  console.log(
    table([
      ['change to visible', 'samples', 'p50 ms', 'p95 ms', 'max ms', 'target'],
      [
        `${CORES} cores writing at once`,
        String(samples.length),
        fixed(p50, 0),
        fixed(p95, 0),
        fixed(Math.max(...samples), 0),
        `p95 < ${TARGETS.visibleP95Ms} ms: ${p95 < TARGETS.visibleP95Ms ? 'ok' : 'MISSED'}`,
      ],
    ]),
  );
  for (const harness of consoles.splice(0)) await harness.close();

  // The orders a console learned before it joined the team: its cache, loaded as the console caches
  // answers, then linked, so they go out from its outbox.
  const writerDir = tempDir('lastmile-bench-team-');
  const cache = openCache(join(writerDir.path, 'lastmile.db'), { clock: { now: () => SANDBOX_TEST_NOW } });
  console.log(`${CATCH_UP.toLocaleString('en-US')} ${HOW_THE_ORDERS_ARE_MADE}`);
  await loadSandboxOrders(cache, 'sandbox', { count: CATCH_UP, seed: 11, now: SANDBOX_TEST_NOW });
  cache.close();
  const pushStarted = performance.now();
  const writer = await startCoreHarness({ ...base(), dataDir: writerDir.path });
  consoles.push(writer);
  await writer.value('team:set', { id: 'sandbox', url: teamUrl });
  await writer.core.services.team.sync('sandbox')!.settled(600_000);
  const pushS = (performance.now() - pushStarted) / 1000;

  const fresh = await startCoreHarness(base());
  consoles.push(fresh);
  const joined = performance.now();
  await fresh.value('team:set', { id: 'sandbox', url: teamUrl });
  await fresh.core.services.team.sync('sandbox')!.settled(600_000);
  const catchUpS = (performance.now() - joined) / 1000;
  const db = new Database(join(fresh.dataDir, 'lastmile.db'), { readonly: true });
  const cached = (
    db.prepare(`SELECT count(*) AS n FROM orders WHERE environment_id = 'sandbox'`).get() as { n: number }
  ).n;
  db.close();
  const probe = await fresh.value<SearchResult>('orders:search', { environmentId: 'sandbox', text: '' });
  console.log(
    `a console with ${CATCH_UP.toLocaleString('en-US')} orders joins the team and sends them: ${fixed(pushS, 1)} s`,
  );
  console.log(
    `a fresh console catches up: ${cached.toLocaleString('en-US')} orders in ${fixed(catchUpS, 1)} s ` +
      `(searchable: ${probe.total > 0 ? 'yes' : 'no'})   target < ${TARGETS.catchUpS} s: ` +
      `${catchUpS < TARGETS.catchUpS ? 'ok' : 'MISSED'}`,
  );
  console.log(`load average at end: ${loadavg()[0]!.toFixed(1)}`);
  writerDir.remove();
} finally {
  for (const harness of consoles) await harness.close().catch(() => undefined);
  await sandbox.close();
  await server.close();
}
