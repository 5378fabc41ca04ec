import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core';
import { createCore } from '../../../electron/core/create-core';
import { KeyringCredentialStore } from '../../../electron/core/environments/keyring-store';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import { DEFAULT_LIMITER } from '../../../electron/core/connect/adaptive-limiter';
import { createDispatcher } from '../../../electron/ipc/register';
import type { ImportInspection, ImportJobView } from '../../../shared/contract';
import { TEST_KEYCHAIN_SERVICE } from '../../support/core-harness';
import { SANDBOX_TEST_NOW } from '../../support/sandbox-client';
import { tempDir } from '../../support/temp-dir';
import { SHOP_HEADERS, csvOf } from './import-support';

const ORDERS = 12;
let sandbox: Sandbox;
const dir = tempDir('lastmile-import-resume-');

beforeAll(async () => {
  sandbox = await startSandbox({
    orders: ORDERS,
    seed: 8,
    clock: createSandboxClock({ start: SANDBOX_TEST_NOW, frozen: true }),
  });
});
afterAll(async () => {
  await sandbox.close();
  dir.remove();
});

/** A console on the shared data folder, its gets held to 4 a second so a close lands mid-import. */
async function openConsole(): Promise<{ core: Core; call: <T>(channel: string, input: unknown) => Promise<T> }> {
  const core = await createCore({
    dataDir: dir.path,
    host: 'browser',
    version: '0.0.0-test',
    credentialStore: new KeyringCredentialStore(TEST_KEYCHAIN_SERVICE),
    emit: () => {},
    sandbox,
    clock: sandbox.clock,
    prefetch: false,
    limiter: { ...DEFAULT_LIMITER, initialRate: 4, maxRate: 4, maxInFlight: 1 },
  });
  const dispatch = createDispatcher(core.handlers, { isTrustedSender: () => true });
  return {
    core,
    call: async <T>(channel: string, input: unknown) => {
      const answer = await dispatch(channel, input, { url: 'app://console/' });
      if (!answer.ok) throw new Error(JSON.stringify(answer.error));
      return answer.value as T;
    },
  };
}

describe('an import closed mid-way', () => {
  it('resumes when the console opens again, asking Instacart about no order twice', async () => {
    const start = new Date(SANDBOX_TEST_NOW + 3_600_000).toISOString();
    const rows = sandbox
      .demoOrders()
      .map((o, i) => [
        o.orderId,
        o.userId,
        `Person${i} Test`,
        `(415) 555-01${String(i).padStart(2, '0')}`,
        '',
        '',
        '94110',
        '',
        start,
        '',
        '',
        '',
        '',
        '',
        '',
      ]);
    const first = await openConsole();
    const bytes = Buffer.from(csvOf([SHOP_HEADERS, ...rows]));
    const { uploadId } = await first.call<{ uploadId: string }>('imports:upload', {
      name: 'export.csv',
      chunkBase64: bytes.toString('base64'),
      last: true,
    });
    const seen = await first.call<ImportInspection>('imports:inspect', { environmentId: 'sandbox', uploadId });
    const before = sandbox.counters.totals.requests;
    const job = await first.call<ImportJobView>('imports:start', {
      environmentId: 'sandbox',
      uploadId,
      mapping: seen.mapping,
    });
    let view = job;
    while (view.counts.fetched < 3) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      view = await first.call<ImportJobView>('imports:job', { environmentId: 'sandbox', jobId: job.id });
    }
    await first.core.close();
    const fetchedBeforeClose = sandbox.counters.totals.requests - before;
    expect(fetchedBeforeClose).toBeLessThan(ORDERS);

    const second = await openConsole();
    await second.core.idle();
    const done = await second.call<ImportJobView>('imports:job', { environmentId: 'sandbox', jobId: job.id });
    expect(done).toMatchObject({ state: 'finished', counts: { created: ORDERS, toFetch: ORDERS, fetched: ORDERS } });
    // One get per order; at most the one in flight at the close is asked again.
    expect(sandbox.counters.totals.requests - before).toBeGreaterThanOrEqual(ORDERS);
    expect(sandbox.counters.totals.requests - before).toBeLessThanOrEqual(ORDERS + 1);
    await second.core.close();

    const db = new Database(join(dir.path, 'lastmile.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const orders = db.prepare(`SELECT order_id, first_name, status FROM orders ORDER BY order_id`).all() as {
        first_name: string;
        status: string;
      }[];
      expect(orders).toHaveLength(ORDERS);
      expect(orders.every((o) => o.first_name.startsWith('Person') && o.status !== 'not_checked')).toBe(true);
    } finally {
      db.close();
    }
  });
});
