import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../electron/core/cache/cache';
import { repoRoot } from '../../../electron/launch/paths';
import { bundleChild } from '../../support/bundle-child';
import { tempDir } from '../../support/temp-dir';

const COUNT = 3_000;

describe('two processes writing the same orders into one cache file', () => {
  const work = tempDir('lastmile-two-writers-');
  let child: string;
  beforeAll(async () => {
    child = await bundleChild('test/integration/cache/record-orders-child.ts', work.path, 'record-orders-child.cjs');
  });
  afterAll(() => work.remove());

  it('each waits for the other: neither fails, and every order is there once with its history', async () => {
    const file = join(work.path, 'lastmile.db');
    openCache(file).close();
    const run = (status: string) =>
      promisify(execFile)(process.execPath, [child, file, String(COUNT), status], {
        env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') },
        timeout: 60_000,
      });
    // Both start at once and race over the same orders: each write looks the order up, then inserts or updates it.
    const [first, second] = await Promise.all([run('brand_new'), run('acknowledged')]);
    expect([first.stdout.trim(), second.stdout.trim()]).toEqual([String(COUNT), String(COUNT)]);

    const cache = openCache(file);
    try {
      const { db } = cache.database;
      expect(db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(COUNT);
      expect(db.prepare('SELECT count(DISTINCT order_id) FROM orders').pluck().get()).toBe(COUNT);
      // Whichever wrote second changed the status the first wrote, and said so in the history.
      const changed = db.prepare(`SELECT count(DISTINCT order_ref) FROM order_events WHERE kind = 'status'`).pluck();
      expect(changed.get()).toBe(COUNT);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      cache.close();
    }
  });
});
