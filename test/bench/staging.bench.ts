import { ConnectClient } from '../../electron/core/connect/connect-client';
import { openStageSession } from '../../electron/cli/stage-session';
import type { JobProgress } from '../../shared/contract';
import type { StagingSandbox } from '../support/staging-sandbox';
import { startStagingSandbox } from '../support/staging-sandbox';
import { tempDir } from '../support/temp-dir';
import type { WatchLoadOutcome } from '../support/watch-load';
import { stageWhileWatching } from '../support/watch-load';
import { fixed, table } from './bench-stats';

/**
 * Bulk staging of N orders against the sandbox at a per-second limit and a fixed latency: the
 * console's job against the floor (N / limit), a sequential loop and a naive parallel loop, each on a
 * fresh sandbox. BENCH_STAGE_ORDERS sets N (default 1,000).
 */
const N = Number(process.env.BENCH_STAGE_ORDERS ?? 1000);
const LATENCY_MS = 100;
const TARGETS = { ofFloor: 1.15, vsSequential: 10, watcherShare: 0.2, jobKeeps: 0.8 };
/** Orders the watcher watches beside the job: at a 10 s floor they could take 6 gets a second. */
const WATCHED = 60;

interface Outcome {
  seconds: number;
  lost: number;
  doubled: number;
  /** Orders the loop said failed though staged, or staged though not. */
  misreported: number;
  requests: number;
  refused: number;
}

async function measure(limit: number, run: (env: StagingSandbox, orders: string[]) => Promise<Set<string>>) {
  const env = await startStagingSandbox(N, { faults: { latencyMs: LATENCY_MS, rateLimitPerSecond: limit } });
  try {
    const orders = env.stageable.slice(0, N);
    const started = performance.now();
    const reportedStaged = await run(env, orders);
    const seconds = (performance.now() - started) / 1000;
    const { missing, doubled } = env.audit(orders);
    const staged = (id: string) => env.sandbox.counters.order(id).stages > 0;
    const outcome: Outcome = {
      seconds,
      lost: missing.filter((id) => !staged(id)).length,
      doubled: doubled.length,
      misreported: orders.filter((id) => reportedStaged.has(id) !== staged(id)).length,
      requests: env.sandbox.counters.totals.requests,
      refused: env.sandbox.counters.statusCount(429),
    };
    return outcome;
  } finally {
    await env.sandbox.close();
  }
}

/** The console: a staging job through the same core the command line uses, on a real cache file. */
async function console_(env: StagingSandbox, orders: string[]): Promise<Set<string>> {
  const dir = tempDir('lastmile-bench-stage-');
  let last = 0;
  const session = await openStageSession({
    dataDir: dir.path,
    sandboxUrl: env.sandbox.url,
    needsSandbox: false,
    emit: (name, payload) => {
      const progress = payload as JobProgress;
      if (name !== 'staging:progress' || performance.now() - last < 10_000) return;
      last = performance.now();
      process.stdout.write(`  ${progress.done}/${progress.total} staged, ${progress.ratePerSecond}/s\n`);
    },
  });
  try {
    const job = await session.service.start({ rows: orders.map((orderId) => ({ orderId })), environmentId: 'sandbox' });
    const view = await session.service.settled(job.jobId);
    return new Set(view.items.filter((item) => item.state === 'done').map((item) => item.orderId));
  } finally {
    await session.close();
    dir.remove();
  }
}

const clientOf = (env: StagingSandbox) =>
  new ConnectClient({ baseUrl: env.sandbox.url, credentials: async () => env.sandbox.credentials });

/** What a script would do first: one order after the other, with the client's own retries. */
async function sequential(env: StagingSandbox, orders: string[]): Promise<Set<string>> {
  const client = clientOf(env);
  const staged = new Set<string>();
  for (const id of orders) {
    try {
      await client.stageOrder(id, {});
      staged.add(id);
    } catch {
      // A script like this one moves on to the next order.
    }
  }
  return staged;
}

/** What a script would do next: every order at once, with the client's own retries. */
async function naiveParallel(env: StagingSandbox, orders: string[]): Promise<Set<string>> {
  const client = clientOf(env);
  const results = await Promise.allSettled(orders.map((id) => client.stageOrder(id, {}).then(() => id)));
  return new Set(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
}

const row = (name: string, o: Outcome, floor: number) => [
  name,
  fixed(o.seconds, 1),
  fixed(o.seconds / floor, 2),
  String(o.lost),
  String(o.doubled),
  String(o.misreported),
  String(o.requests),
  String(o.refused),
];
const HEADER = ['', 'wall s', 'x floor', 'lost', 'doubled', 'misreported', 'requests', '429s'];

async function main() {
  process.stdout.write(`Bulk staging of ${N} orders, sandbox latency ${LATENCY_MS} ms\n`);
  const limit = 20;
  const floor = N / limit;
  process.stdout.write(`\nAt ${limit} req/s (floor ${fixed(floor, 1)} s): console...\n`);
  const ours = await measure(limit, console_);
  process.stdout.write('sequential loop...\n');
  const seq = await measure(limit, sequential);
  process.stdout.write('naive parallel loop...\n');
  const naive = await measure(limit, naiveParallel);
  process.stdout.write(
    `${table([HEADER, row('console', ours, floor), row('sequential', seq, floor), row('naive parallel', naive, floor)])}\n`,
  );
  const ofFloor = ours.seconds / floor;
  const vsSeq = seq.seconds / ours.seconds;
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  process.stdout.write(
    [
      `console vs floor:      ${fixed(ofFloor, 3)}x (target <= ${TARGETS.ofFloor}x: ${verdict(ofFloor <= TARGETS.ofFloor)})`,
      `console vs sequential: ${fixed(vsSeq, 1)}x faster (target >= ${TARGETS.vsSequential}x: ${verdict(vsSeq >= TARGETS.vsSequential)})`,
      `console lost or doubled: ${ours.lost + ours.doubled} (target 0: ${verdict(ours.lost + ours.doubled === 0 && ours.misreported === 0)})`,
      `Note: a sequential loop waits one round trip per order (${LATENCY_MS} ms), so it takes about N x latency;`,
      `at ${limit} req/s the floor is N / ${limit}: no client can be more than ${fixed((LATENCY_MS / 1000) * limit, 1)}x faster than it at this limit.`,
    ].join('\n') + '\n',
  );

  // Where the limit allows more than a round trip per order: the same sequential time, a higher limit. The
  // sandbox shares this process with the console, so here the machine may bound the console before the limit.
  const high = 200;
  const highFloor = N / high;
  process.stdout.write(`\nAt ${high} req/s (floor ${fixed(highFloor, 1)} s): console...\n`);
  const oursHigh = await measure(high, console_);
  process.stdout.write('naive parallel loop...\n');
  const naiveHigh = await measure(high, naiveParallel);
  process.stdout.write(
    `${table([HEADER, row('console', oursHigh, highFloor), row('naive parallel', naiveHigh, highFloor)])}\n`,
  );
  process.stdout.write(
    `console vs floor: ${fixed(oursHigh.seconds / highFloor, 2)}x; vs the sequential loop above (unaffected by the limit): ${fixed(seq.seconds / oursHigh.seconds, 1)}x faster\n`,
  );
}

/** The same job with the watcher on (WATCHED orders watched) or with nothing watched, on a fresh sandbox. */
async function watching(limit: number, watchedCount: number): Promise<WatchLoadOutcome> {
  const env = await startStagingSandbox(N, { faults: { latencyMs: LATENCY_MS, rateLimitPerSecond: limit } });
  try {
    const staging = new Set(env.stageable);
    const watched = env.sandbox
      .demoOrders()
      .filter((o) => !staging.has(o.orderId))
      .slice(0, watchedCount);
    return await stageWhileWatching(env, env.stageable.slice(0, N), watched);
  } finally {
    await env.sandbox.close();
  }
}

async function watcherSection() {
  const limit = 20;
  process.stdout.write(`\nWith the watcher on, at ${limit} req/s: the job alone...\n`);
  const alone = await watching(limit, 0);
  process.stdout.write(`the job with ${WATCHED} watched orders...\n`);
  const both = await watching(limit, WATCHED);
  const line = (name: string, o: WatchLoadOutcome) => [
    name,
    fixed(o.seconds, 1),
    fixed(o.jobRate, 1),
    fixed(o.watcherRate, 2),
    fixed(o.limiterRate, 1),
    String(o.refused),
  ];
  const header = ['', 'wall s', 'job /s', 'watcher /s', 'limiter /s', '429s'];
  process.stdout.write(`${table([header, line('job alone', alone), line('job + watcher', both)])}\n`);
  const share = both.watcherRate / limit;
  const keeps = both.jobRate / (limit - both.watcherRate);
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  process.stdout.write(
    [
      `watcher's share of the limit: ${fixed(share * 100, 1)}% (target <= ${TARGETS.watcherShare * 100}%: ${verdict(share <= TARGETS.watcherShare * 1.05)})`,
      `job's rate vs what the watcher leaves of the limit: ${fixed(keeps, 2)}x (target >= ${TARGETS.jobKeeps}: ${verdict(keeps >= TARGETS.jobKeeps)})`,
      `job alone vs job + watcher: ${fixed(alone.jobRate, 1)}/s vs ${fixed(both.jobRate, 1)}/s`,
    ].join('\n') + '\n',
  );
}

await main();
await watcherSection();
