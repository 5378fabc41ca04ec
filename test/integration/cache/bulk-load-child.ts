import { bulkLoadOrders } from '../../../electron/core/orders/bulk-load';
import type { BulkOrder } from '../../../electron/core/orders/bulk-load';
import { openCache } from '../../../electron/core/cache/cache';
import { apiOrder } from './cache-fixture';

/**
 * Run as a child process by bulk-load-crash.test.ts: starts a large load into the cache file given,
 * says "loading" once part of it has been written to the file, and never finishes: it is killed there.
 */
const [file, countText] = process.argv.slice(2);
const count = Number(countText);
const cache = openCache(file!);
// A small page cache makes the load write pages (new rows, and pages freed by the dropped indexes) to the file early.
cache.database.db.pragma('cache_size = 20');

function* orders(): Generator<BulkOrder> {
  for (let i = 0; ; i++) {
    if (i === Math.floor(count / 2)) process.stdout.write('loading\n');
    yield { api: apiOrder(`L-${i}`) };
    if (i > count) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

bulkLoadOrders(cache.database, 'sandbox', orders(), { source: 'import', expectedCount: count });
