import { createWriteStream } from 'node:fs';
import type { SandboxInfo } from '../core/sandbox';
import { DEFAULT_DEMO_ORDERS, startSandbox } from '../core/sandbox';
import { EXPORT_WRITERS, exportFormatOf, shopExportRows } from '../core/sandbox/shop-export';
import { intArg, parseArgs } from '../launch/args';
import { run } from './run';

const USAGE =
  'Usage: npm run sandbox -- [--port N] [--orders N] [--seed N] [--json]\n' +
  '  [--latency MS] [--jitter MS] [--rate-limit N] [--update-cooldown SECONDS]\n' +
  '   or: npm run sandbox -- --export FILE.csv|FILE.xlsx [--orders N] [--seed N]';
const KNOWN = new Set([
  'port',
  'orders',
  'seed',
  'json',
  'latency',
  'jitter',
  'rate-limit',
  'update-cooldown',
  'export',
  'help',
]);

/** Writes the demo orders as the shop's export (windows around the current time), then returns. */
async function writeExport(file: string | true, orders: number, seed: number): Promise<void> {
  const format = typeof file === 'string' ? exportFormatOf(file) : null;
  if (typeof file !== 'string' || format === null) {
    throw new Error(`--export needs a file name ending in .csv or .xlsx, got "${String(file)}".\n${USAGE}`);
  }
  const rows = shopExportRows({ count: orders, seed, now: Date.now() });
  await EXPORT_WRITERS[format](rows, createWriteStream(file));
  process.stdout.write(
    `Wrote ${orders.toLocaleString('en-US')} demo orders as the shop's ${format.toUpperCase()} export to ${file}\n`,
  );
}

function describe(info: SandboxInfo): string {
  const token = `curl -s -X POST ${info.url}/v2/oauth/token -H 'Content-Type: application/json' -d '{"client_id": "${info.client_id}", "client_secret": "${info.client_secret}", "grant_type": "client_credentials", "scope": "connect:fulfillment"}'`;
  const order = info.sample_order_ids[0] ?? '<order_id>';
  return [
    `Connect sandbox listening on ${info.url}`,
    `  client id:       ${info.client_id}`,
    `  client secret:   ${info.client_secret}`,
    `  user ids:        ${info.user_ids.join(', ')}`,
    `  location codes:  ${info.location_codes.join(', ')} (asynchronous create: ${info.async_location_codes.join(', ')}; not available: ${info.unavailable_location_codes.join(', ')})`,
    `  postal codes:    ${info.postal_codes.served.join(', ')}`,
    `  unsupported:     ${info.postal_codes.unsupported.join(', ')}`,
    `  sample orders:   ${info.sample_order_ids.join(', ')}`,
    `  ready to stage:  ${info.dispatch_order_ids.join(', ')}`,
    `  inactive users:  ${info.inactive_user_ids.join(', ')}`,
    '',
    'Get a token, then an order:',
    `  ${token}`,
    `  curl -s ${info.url}/v2/fulfillment/lastmile/orders/${order} -H 'Authorization: Bearer <access_token>'`,
    `Sandbox controls: ${info.url}/_sandbox/info, /_sandbox/counters, /_sandbox/faults, /_sandbox/clock, /_sandbox/assumptions`,
    `The shop's order export: ${info.url}/_sandbox/shop-export.csv and /_sandbox/shop-export.xlsx (?count=N&offset=M)`,
    'Press Ctrl+C to stop.',
  ].join('\n');
}

run(async () => {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const unknown = [...args.keys()].filter((name) => !KNOWN.has(name));
  if (unknown.length > 0) throw new Error(`Unknown option --${unknown[0]}.\n${USAGE}`);
  const exportFile = args.get('export');
  if (exportFile !== undefined) {
    await writeExport(exportFile, intArg(args, 'orders', DEFAULT_DEMO_ORDERS), intArg(args, 'seed', 1));
    return;
  }
  const sandbox = await startSandbox({
    port: intArg(args, 'port', 0),
    orders: intArg(args, 'orders', DEFAULT_DEMO_ORDERS),
    seed: intArg(args, 'seed', 1),
    updateCooldownSeconds: intArg(args, 'update-cooldown', 1200),
    faults: {
      latencyMs: intArg(args, 'latency', 0),
      jitterMs: intArg(args, 'jitter', 0),
      rateLimitPerSecond: intArg(args, 'rate-limit', 0),
    },
  });
  const info = sandbox.info;
  process.stdout.write(args.has('json') ? `${JSON.stringify(info)}\n` : `${describe(info)}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
