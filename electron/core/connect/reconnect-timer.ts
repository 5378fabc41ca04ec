/** How long to wait before each check while the API stays unreachable: soon at first, then once a minute. */
export const RECONNECT_DELAYS_MS: readonly number[] = [5_000, 10_000, 20_000, 30_000, 60_000];

/**
 * Checks again, on its own, the environment the console found unreachable. Nothing else is sent
 * while the console is offline, so without it the offline banner would stay until the user happened
 * to try something. One environment at a time: the one shown.
 */
export class ReconnectTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watching: string | undefined;
  private attempts = 0;
  private closed = false;

  constructor(
    private readonly check: (environmentId: string) => Promise<void>,
    private readonly delaysMs: readonly number[] = RECONNECT_DELAYS_MS,
  ) {}

  /** A call could not reach this environment: check it later, unless a check is already due. */
  unreachable(environmentId: string): void {
    if (this.closed) return;
    if (this.watching !== environmentId) this.stop();
    this.watching = environmentId;
    if (this.timer) return;
    const delay = this.delaysMs[Math.min(this.attempts, this.delaysMs.length - 1)] ?? 60_000;
    this.attempts += 1;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failed check is recorded as unreachable again, which schedules the next one.
      void this.check(environmentId);
    }, delay);
    // A pending check must not keep a command-line run alive.
    this.timer.unref?.();
  }

  /** A call reached this environment: no more checks for it. */
  reachable(environmentId: string): void {
    if (this.watching === environmentId) this.stop();
  }

  /** Stops checking, whichever environment it was watching (another one is now shown). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.watching = undefined;
    this.attempts = 0;
  }

  close(): void {
    this.closed = true;
    this.stop();
  }
}
