import { openCache } from '../../../electron/core/cache/cache';
import { apiOrder } from './cache-fixture';

/**
 * Run as a child process by two-writers.test.ts: records Instacart's answers for the same orders as
 * another process does at the same time, one transaction each, then says how many it wrote.
 */
const [file, countText, status] = process.argv.slice(2);
const cache = openCache(file!);
const count = Number(countText);
for (let i = 0; i < count; i++) {
  cache.orders.recordApiOrder('sandbox', apiOrder(`W-${i}`, { status: status! }), { source: 'get' });
}
cache.close();
process.stdout.write(`${count}\n`);
