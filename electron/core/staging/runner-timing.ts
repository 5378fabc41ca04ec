import type { Clock, Sleep } from '../clock';

/** How long the rate is measured over, for the progress bar. */
const RATE_WINDOW_MS = 10_000;

/** Orders settled per second over the last few seconds. */
export class RateMeter {
  private readonly settledAt: number[] = [];
  private readonly startedAt: number;

  constructor(private readonly clock: Clock) {
    this.startedAt = clock.now();
  }

  settled(): void {
    this.settledAt.push(this.clock.now());
  }

  perSecond(): number {
    const now = this.clock.now();
    while (this.settledAt.length > 0 && this.settledAt[0]! < now - RATE_WINDOW_MS) this.settledAt.shift();
    const span = Math.min(RATE_WINDOW_MS, Math.max(1_000, now - this.startedAt));
    return (this.settledAt.length * 1000) / span;
  }
}

/** Sleeps that end early when something happens (an answer came in) or for good (the job stops). */
export class Napper {
  private wakers: (() => void)[] = [];

  constructor(
    private readonly sleep: Sleep,
    private readonly halt: AbortSignal,
  ) {}

  async nap(ms: number): Promise<void> {
    const wakeUp = new AbortController();
    this.wakers.push(() => wakeUp.abort());
    try {
      await this.sleep(ms, AbortSignal.any([wakeUp.signal, this.halt]));
    } catch {
      // Woken early: that is the point.
    }
  }

  wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }
}
