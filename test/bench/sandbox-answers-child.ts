import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { demoOrders } from '../../electron/core/sandbox';
import { presentOrder } from '../../electron/core/sandbox/present';
import { fromDemo } from '../../electron/core/sandbox/state';

/**
 * `sandbox-answers-child <file> <count> <seed> <nowMs> <baseUrl>`: the sandbox's answer to a get of each
 * demo order, one JSON line each, made in a process of its own as Instacart makes them: making a
 * million answers in the console's process left the sandbox's garbage in the console's peak RSS.
 */
const [file, count, seed, now, baseUrl] = process.argv.slice(2);
const config = { count: Number(count), seed: Number(seed), now: Number(now) };
const out = createWriteStream(file!, { highWaterMark: 1 << 20 });
let lines = '';
for (const demo of demoOrders(config)) {
  lines += `${JSON.stringify({ api: presentOrder(fromDemo(demo), config.now, baseUrl!), userId: demo.userId })}\n`;
  if (lines.length >= 1 << 16) {
    if (!out.write(lines)) await once(out, 'drain');
    lines = '';
  }
}
out.end(lines);
