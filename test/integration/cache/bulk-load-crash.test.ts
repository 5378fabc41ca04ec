import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundleChild } from '../../support/bundle-child';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkLoadOrders } from '../../../electron/core/orders/bulk-load';
import { openCache } from '../../../electron/core/cache/cache';
import { repoRoot } from '../../../electron/launch/paths';
import { searchQuery } from '../../../shared/contract';
import { tempDir } from '../../support/temp-dir';
import { importShopLines } from '../../support/shop-export-import';
import { apiOrder } from './cache-fixture';

const work = tempDir('lastmile-bulk-crash-');
let child: string;

beforeAll(async () => {
  child = await bundleChild('test/integration/cache/bulk-load-child.ts', work.path, 'bulk-load-child.cjs');
});
afterAll(() => work.remove());

/** Starts the child's load and kills it with SIGKILL once it says part of the load is in the file. */
async function killMidLoad(file: string, count: number): Promise<void> {
  const process_ = spawn(process.execPath, [child, file, String(count)], {
    env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  process_.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    process_.on('close', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    process_.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('loading')) resolve();
    });
    process_.on('close', () => reject(new Error(`the load ended before it could be killed: ${stderr}`)));
  });
  process_.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe('a large bulk load killed half way', () => {
  it('loses nothing committed before it and leaves none of itself', async () => {
    const file = join(work.path, 'lastmile.db');
    const cache = openCache(file);
    await importShopLines(
      cache,
      'sandbox',
      Array.from({ length: 300 }, (_, i) => ({ 'Order #': `K-${i}`, 'Last Name': 'Garcia' })),
    );
    bulkLoadOrders(
      cache.database,
      'sandbox',
      Array.from({ length: 300 }, (_, i) => ({ api: apiOrder(`K-${i}`) })),
      { source: 'get', expectedCount: 300 },
    );
    cache.audit.recordAudit({ envId: 'sandbox', action: 'orders.import', request: { rows: 300 }, outcome: 'ok' });
    cache.close();

    await killMidLoad(file, 20_000);
    // The load ran through a rollback journal, which the kill left behind for the next open to roll back.
    expect(existsSync(`${file}-journal`)).toBe(true);

    const reopened = openCache(file);
    try {
      const { db } = reopened.database;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 300 });
      expect(reopened.audit.list({ offset: 0, limit: 10 }).rows).toHaveLength(1);
      const search = (text: string) => reopened.search.search('sandbox', searchQuery.parse({ text, limit: 500 }));
      expect(search('garcia').total).toBe(300);
      expect(search('K-7').rows[0]).toMatchObject({ orderId: 'K-7', lastName: 'Garcia', status: 'brand_new' });
      expect(search('L-1').total).toBe(0);
      expect(() => db.prepare(`INSERT INTO orders_fts (orders_fts) VALUES ('integrity-check')`).run()).not.toThrow();
    } finally {
      reopened.close();
    }
  });
});
