import { createWriteStream } from 'node:fs';
import { shopExportRows, writeShopExportCsv } from '../../electron/core/sandbox/shop-export';

/**
 * `shop-export-child <file> <count> <seed> <nowMs>`: the sandbox's shop export, written in a process of
 * its own as the shop's back office writes it, so a bench's peak RSS is the console's alone.
 */
const [file, count, seed, now] = process.argv.slice(2);
await writeShopExportCsv(
  shopExportRows({ count: Number(count), seed: Number(seed), now: Number(now) }),
  createWriteStream(file!),
);
