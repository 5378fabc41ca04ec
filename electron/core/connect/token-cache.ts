import type { Clock } from '../clock';

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export interface IssuedToken {
  accessToken: string;
  /** Lifetime in seconds, as the API reported it. */
  expiresIn: number;
}

/** Renew this long before the token's end, so a call never starts with a token about to lapse. */
function renewMarginMs(lifetimeMs: number): number {
  return Math.min(5 * 60_000, lifetimeMs / 10);
}

/**
 * The bearer token of one environment, in memory only: fetched on first need, reused until shortly
 * before it expires, shared by concurrent callers (one exchange in flight at a time), and dropped when
 * the API answers 401 to it.
 */
export class TokenCache {
  private token: { value: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly exchange: () => Promise<IssuedToken>,
    private readonly clock: Clock,
  ) {}

  /**
   * The exchange is shared, so one caller's cancellation must not cancel it for the others: it runs to
   * its own time limit, and callers stop waiting on their own.
   */
  async get(): Promise<string> {
    if (this.token && this.clock.now() < this.token.renewAt) return this.token.value;
    this.pending ??= this.fetchNew().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forget `value` if it is still the cached token (a 401 says it is no longer good). */
  invalidate(value: string): void {
    if (this.token?.value === value) this.token = undefined;
  }

  clear(): void {
    this.token = undefined;
  }

  private async fetchNew(): Promise<string> {
    const startedAt = this.clock.now();
    const issued = await this.exchange();
    // Measured from when we asked, on our own clock: the server's created_at may be on a skewed clock.
    const lifetimeMs = issued.expiresIn * 1000;
    this.token = { value: issued.accessToken, renewAt: startedAt + lifetimeMs - renewMarginMs(lifetimeMs) };
    return issued.accessToken;
  }
}
