import type { Server } from 'node:http';
import { createServer, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import { SHOP_EXPORT_PATH } from '../../../electron/core/shop-import/sandbox-first-import';
import type { ImportJobView, SearchResult } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { SANDBOX_TEST_NOW } from '../../support/sandbox-client';
import { SHOP_HEADERS, csvOf } from './import-support';

/**
 * The sandbox in front of which a relay serves a shop export at the sandbox's export path, as the
 * sandbox itself will: the first-run import is tested before the sandbox's own export exists.
 */
async function relayWithExport(sandbox: Sandbox, csv: string): Promise<{ url: string; server: Server }> {
  const target = new URL(sandbox.url);
  const server = createServer((req, res) => {
    if (req.url === SHOP_EXPORT_PATH) {
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
      res.end(csv);
      return;
    }
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

let sandbox: Sandbox;
let relay: { url: string; server: Server };
let harness: CoreHarness;

beforeAll(async () => {
  sandbox = await startSandbox({
    orders: 4,
    seed: 3,
    clock: createSandboxClock({ start: SANDBOX_TEST_NOW, frozen: true }),
  });
  const start = new Date(SANDBOX_TEST_NOW + 3_600_000).toISOString().replace('.000Z', '+00:00');
  const end = new Date(SANDBOX_TEST_NOW + 7_200_000).toISOString().replace('.000Z', '+00:00');
  const names = ['Marcus Okafor', 'Lena Park', 'Ravi Shah', 'Ada Moreno'];
  const rows = sandbox
    .demoOrders()
    .map((o, i) => [
      o.orderId,
      o.userId,
      names[i]!,
      `(415) 555-012${i}`,
      `${i + 1} Market St`,
      '',
      '94110',
      '1001',
      start,
      end,
      `B${i}`,
      '3',
      '1',
      '2.5',
      '5.00',
    ]);
  relay = await relayWithExport(sandbox, csvOf([SHOP_HEADERS, ...rows]));
  harness = await startCoreHarness({ sandbox: { ...sandbox, url: relay.url }, clock: sandbox.clock });
  await harness.core.idle();
});
afterAll(async () => {
  await harness.close();
  await new Promise((resolve) => relay.server.close(resolve));
  await sandbox.close();
});

describe("a new console on the built-in sandbox imports the sandbox's shop export on first run", () => {
  it('shows the demo orders with the names and phones that came through the import', async () => {
    const all = await harness.value<SearchResult>('orders:search', { environmentId: 'sandbox', text: '' });
    expect(all.total).toBe(4);
    expect(all.rows.every((row) => row.firstName !== null && row.phone !== null)).toBe(true);
    const marcus = await harness.value<SearchResult>('orders:search', { environmentId: 'sandbox', text: 'Marcus' });
    expect(marcus.rows.map((r) => r.phone)).toEqual(['+14155550120']);
    expect(
      (await harness.value<SearchResult>('orders:search', { environmentId: 'sandbox', text: '4155550120' })).total,
    ).toBe(1);
    // Every order was then checked at Instacart: none is left "not yet checked".
    expect(all.rows.every((row) => row.status !== 'not_checked')).toBe(true);
  });

  it('ran as an import the user can see, not as the API-only prefetch', async () => {
    const last = await harness.value<ImportJobView>('imports:last', { environmentId: 'sandbox' });
    expect(last).toMatchObject({ fileName: 'shop-export.csv', state: 'finished', counts: { created: 4, fetched: 4 } });
    expect(harness.events.some((e) => e.name === 'orders:progress')).toBe(false);
  });
});
