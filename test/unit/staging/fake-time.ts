import type { Clock } from '../../../electron/core/clock';
import type { Sleep } from '../../../electron/core/clock';

/**
 * Simulated time for discrete-event tests: `sleep` parks a promise until the simulation reaches its
 * time, and `run` moves the clock from one timer to the next, letting every resulting promise settle.
 */
export class FakeTime {
  now = 0;
  private timers: { at: number; seq: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private seq = 0;
  readonly clock: Clock = { now: () => this.now };

  readonly sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const timer = { at: this.now + Math.max(0, ms), seq: this.seq++, resolve, reject };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal.reason as Error);
      });
    });

  /** Runs the simulation until `promise` settles, and returns what it gave. */
  async until<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    const watched = promise.finally(() => (settled = true));
    await this.run(() => settled);
    return watched;
  }

  /** Runs timers in time order until none is left, `done()` says so, or `limitMs` have passed. */
  async run(done: () => boolean, limitMs = 10 * 60_000): Promise<void> {
    const start = this.now;
    await settle();
    while (!done() && this.timers.length > 0) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      if (next.at > start + limitMs) throw new Error(`simulation passed ${limitMs} ms`);
      this.now = Math.max(this.now, next.at);
      next.resolve();
      await settle();
    }
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
