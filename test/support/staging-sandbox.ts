import type { Sandbox, SandboxOptions } from '../../electron/core/sandbox';
import { createSandboxClock, demoOrderAt, startSandbox } from '../../electron/core/sandbox';
import { isStageable, orderStateAt } from '../../electron/core/sandbox/lifecycle';
import { fromDemo } from '../../electron/core/sandbox/state';
import { SANDBOX_TEST_NOW } from './sandbox-client';

export interface StagingSandbox {
  sandbox: Sandbox;
  /** Dispatch orders that can be staged, in id order. */
  stageable: string[];
  /** Orders of delivery (not dispatch) stores, which the API refuses to stage. */
  notDispatch: string[];
  /** Orders staged more than once, and orders of `orderIds` not staged at all. */
  audit(orderIds: readonly string[]): { doubled: string[]; missing: string[] };
}

/**
 * A sandbox on a frozen clock, so which demo orders are stageable is known without asking it: bulk
 * staging tests need hundreds of them. Enough demo orders are generated to hold `stageable` of them.
 */
export async function startStagingSandbox(stageable: number, options: SandboxOptions = {}): Promise<StagingSandbox> {
  const now = SANDBOX_TEST_NOW;
  const count = Math.max(100, Math.ceil(stageable * 3.4));
  const seed = options.seed ?? 1;
  const ids: string[] = [];
  const notDispatch: string[] = [];
  for (let i = 0; i < count && ids.length < stageable; i++) {
    const order = fromDemo(demoOrderAt({ count, seed, now }, i));
    if (isStageable(order, orderStateAt(order, now))) ids.push(order.id);
    else if (!order.dispatch && notDispatch.length < 20) notDispatch.push(order.id);
  }
  if (ids.length < stageable) throw new Error(`only ${ids.length} stageable orders among ${count}`);
  const sandbox = await startSandbox({
    ...options,
    orders: count,
    seed,
    clock: createSandboxClock({ start: now, frozen: true }),
  });
  return {
    sandbox,
    stageable: ids,
    notDispatch,
    audit(orderIds) {
      const doubled = [...sandbox.counters.orders].filter(([, c]) => c.stages > 1).map(([id]) => id);
      const missing = orderIds.filter((id) => sandbox.counters.order(id).stages !== 1);
      return { doubled, missing };
    },
  };
}
