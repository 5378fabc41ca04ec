import type { Database } from 'better-sqlite3';

/** Under way and known to Instacart: what the watcher keeps fresh near its window. */
const UNDER_WAY = `('created', 'brand_new', 'acknowledged', 'staged', 'delivering', 'rescheduled')`;
const NEAR_WINDOW_MS = 12 * 60 * 60_000;

/**
 * Orders under way whose window starts within 12 hours of now and that were not fetched since `stale`,
 * nearest first: two walks of the window index away from now (no sort of the whole day), merged.
 */
export function createNearWindow(db: Database) {
  const near = (direction: 'after' | 'before') =>
    db.prepare<{ env: string; now: number; stale: number; limit: number }, { order_id: string; at: number }>(`
      SELECT order_id, window_start_ms AS at FROM orders INDEXED BY orders_by_window
      WHERE environment_id = @env AND ${
        direction === 'after'
          ? `window_start_ms >= @now AND window_start_ms < @now + ${NEAR_WINDOW_MS}`
          : `window_start_ms < @now AND window_start_ms >= @now - ${NEAR_WINDOW_MS}`
      } AND status IN ${UNDER_WAY} AND fetched_ms < @stale
      ORDER BY window_start_ms ${direction === 'after' ? 'ASC' : 'DESC'} LIMIT @limit`);
  const after = near('after');
  const before = near('before');
  return (env: string, now: number, stale: number, limit: number): string[] =>
    [...after.all({ env, now, stale, limit }), ...before.all({ env, now, stale, limit })]
      .sort((a, b) => Math.abs(a.at - now) - Math.abs(b.at - now))
      .slice(0, limit)
      .map((row) => row.order_id);
}
