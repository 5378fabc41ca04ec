import { setImmediate } from 'node:timers/promises';

/** How long a piece of work may hold the core's event loop before it lets other calls run. */
const TURN_MS = 20;

/**
 * Cuts a long synchronous job into turns: `due()` is cheap enough to ask in every loop, and `next()` lets
 * every call waiting on the event loop run, so reading a 20 MB sheet never blocks the core for long.
 */
export class Turns {
  private started = performance.now();

  due(): boolean {
    return performance.now() - this.started >= TURN_MS;
  }

  async next(): Promise<void> {
    await setImmediate();
    this.started = performance.now();
  }

  /** `next()` when the turn is over. */
  async pause(): Promise<void> {
    if (this.due()) await this.next();
  }
}
