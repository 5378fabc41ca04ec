import { createCore } from '../../electron/core/create-core';
import type { StagingSandbox } from './staging-sandbox';
import { tempDir } from './temp-dir';

export interface WatchLoadOutcome {
  seconds: number;
  /** Orders the job staged per second. */
  jobRate: number;
  /** Gets the watcher sent per second while the job ran. */
  watcherRate: number;
  /** The rate the shared limiter had found when the job finished. */
  limiterRate: number;
  staged: number;
  refused: number;
}

/**
 * A staging job of `orders` through the console's core (real cache file, background work on), with
 * the watcher watching `watched` other orders (cached first by a user's get) at `floorSeconds`, or
 * with no watched order when `watched` is empty. What the bench and the share test measure.
 */
export async function stageWhileWatching(
  env: StagingSandbox,
  orders: readonly string[],
  watched: readonly { orderId: string; userId: string }[],
  floorSeconds = 10,
): Promise<WatchLoadOutcome> {
  const dir = tempDir('lastmile-watch-load-');
  const core = await createCore({
    dataDir: dir.path,
    host: 'browser',
    version: '0.0.0-test',
    sandbox: env.sandbox,
    prefetch: false,
    emit: () => {},
    watch: { idleMs: 50 },
  });
  try {
    const environmentId = 'sandbox';
    const { handlers } = core;
    await handlers['watch:settings-set']({ environmentId, settings: { floorSeconds } });
    for (const { orderId, userId } of watched) {
      await handlers['orders:get']({ environmentId, orderId, userId, refresh: true });
      await handlers['watch:set']({ environmentId, orderId, watched: true });
    }
    const live = core.services.live!;
    const refusedBefore = env.sandbox.counters.statusCount(429);
    // Let the watcher get through what is due and settle into its pace before the job starts.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const service = core.services.staging();
    const sentBefore = live.watcher.sent;
    const started = performance.now();
    const job = await service.start({ rows: orders.map((orderId) => ({ orderId })), environmentId });
    const view = await service.settled(job.jobId);
    const seconds = (performance.now() - started) / 1000;
    const staged = view.items.filter((item) => item.state === 'done').length;
    return {
      seconds,
      jobRate: staged / seconds,
      watcherRate: (live.watcher.sent - sentBefore) / seconds,
      limiterRate: live.limiterRate(environmentId),
      staged,
      refused: env.sandbox.counters.statusCount(429) - refusedBefore,
    };
  } finally {
    await core.close();
    dir.remove();
  }
}
