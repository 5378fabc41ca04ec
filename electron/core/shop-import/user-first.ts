/**
 * Lets a user's own requests (opening an order, an edit) go before an import's gets: while one is in
 * flight, the import waits for it before taking its next permit.
 */
export class UserFirst {
  private inFlight = 0;
  private waiters: (() => void)[] = [];

  async around<T>(request: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await request();
    } finally {
      if (--this.inFlight === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Resolves at once when no user request is in flight, else when the last one is done. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
