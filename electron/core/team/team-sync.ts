import type pg from 'pg';
import type { TeamSyncStatus } from '../../../shared/contract';
import type { LocalTeam } from './local-team';
import { PROGRESS_CHANNEL } from './team-progress';
import { ordersByKey, ordersWaiting, pullChanges, pushBatch } from './team-remote';
import { checkTeamSchema } from './team-schema';

export interface TeamTuning {
  /** How often the outbox is looked at for new local writes (default 100 ms). */
  pollMs?: number;
  /** A pull this often even without a notification, in case one was missed (default 5 s). */
  pullEveryMs?: number;
  /** Waits before reconnecting after the team database was lost, growing (default up to 10 s). */
  retryDelaysMs?: readonly number[];
  /** Rows per table in one push or pull (default 2,000). */
  batch?: number;
  /** How long a staging job's claims last, and how often they are renewed (default 60 s and 15 s). */
  claimLeaseMs?: number;
  claimRenewMs?: number;
}

export interface TeamSyncDeps {
  environmentId: string;
  /** A connected client for the team database (the caller attaches nothing; errors are handled here). */
  connect: () => Promise<pg.Client>;
  /** The local side on the cache in use; throws when the cache cannot be used. */
  local: () => LocalTeam;
  now: () => number;
  /** Called after changes from the team were written locally. */
  applied?: (count: number) => void;
  /** A notification on the staging progress channel, as it came (any environment's). */
  heardProgress?: (payload: string) => void;
  /** Each time the notifications are listened to again: those sent while they were not are lost. */
  listening?: () => void;
  tuning?: TeamTuning | undefined;
}

const DEFAULT_RETRY = [250, 500, 1_000, 2_000, 5_000, 10_000];
/** A pull counts the orders waiting up to this many: enough to tell a catch-up from live changes. */
const CATCH_UP_COUNT_CAP = 1_000_000;

/**
 * Keeps one environment's local cache and the team database in step: local writes go out from the
 * outbox in order, the team's changes come in after a notification or a regular pull, by cursor. When the
 * database is unreachable the console keeps working; the outbox fills and is drained on reconnect.
 */
export class TeamSync {
  private closed = false;
  private wake: (() => void) | null = null;
  private wantPull = true;
  private status: TeamSyncStatus = { state: 'connecting', problem: null, pending: 0, lastSyncMs: null };
  private readonly running: Promise<void>;
  private readonly clients = new Set<pg.Client>();
  private pullsStarted = 0;
  private pullsDone = 0;

  constructor(private readonly deps: TeamSyncDeps) {
    this.running = this.loop();
  }

  current(): TeamSyncStatus {
    let pending = this.status.pending;
    try {
      pending = this.deps.local().pending(this.deps.environmentId);
    } catch {
      // No usable cache: the last count known stands.
    }
    return { ...this.status, pending };
  }

  /** Resolves once the outbox is empty and a pull begun after the call has been applied here. */
  async settled(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    const need = this.pullsStarted + 1;
    while (Date.now() < until) {
      if (this.status.state === 'online' && this.pullsDone >= need && this.current().pending === 0) return;
      this.wantPull = true;
      this.nudge();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`The team sync of ${this.deps.environmentId} did not settle in ${timeoutMs} ms.`);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.nudge();
    for (const client of this.clients) client.end().catch(() => undefined);
    await this.running;
  }

  private nudge(): void {
    this.wake?.();
  }

  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = null;
  }

  private async open(onLost: (error: Error) => void): Promise<pg.Client> {
    const client = await this.deps.connect();
    this.clients.add(client);
    // Without a listener a lost connection would throw in the event loop and end the process.
    client.on('error', onLost);
    client.on('end', () => onLost(new Error('The connection to the team database was closed.')));
    return client;
  }

  private async loop(): Promise<void> {
    const tuning = this.deps.tuning ?? {};
    const retry = tuning.retryDelaysMs ?? DEFAULT_RETRY;
    let attempt = 0;
    while (!this.closed) {
      let lost: Error | null = null;
      const onLost = (error: Error) => {
        lost ??= error;
        this.nudge();
      };
      try {
        const client = await this.open(onLost);
        const listener = await this.open(onLost);
        await checkTeamSchema(client);
        listener.on('notification', (message) => {
          if (message.channel === PROGRESS_CHANNEL) {
            if (message.payload) this.deps.heardProgress?.(message.payload);
          } else if (message.payload === this.deps.environmentId) {
            this.wantPull = true;
            this.nudge();
          }
        });
        await listener.query('LISTEN lastmile_team');
        await listener.query(`LISTEN ${PROGRESS_CHANNEL}`);
        this.deps.local().link(this.deps.environmentId);
        this.status = { ...this.status, state: 'online', problem: null };
        this.deps.listening?.();
        attempt = 0;
        this.wantPull = true;
        let lastPull = 0;
        while (!this.closed && lost === null) {
          await this.pushAll(client, tuning.batch ?? 2_000);
          const due = this.deps.now() - lastPull >= (tuning.pullEveryMs ?? 5_000);
          if (this.wantPull || due) {
            this.wantPull = false;
            lastPull = this.deps.now();
            this.pullsStarted++;
            await this.pullAll(client, tuning.batch ?? 2_000);
            this.pullsDone = this.pullsStarted;
            this.status = { ...this.status, lastSyncMs: this.deps.now() };
          }
          if (!this.wantPull) await this.sleep(tuning.pollMs ?? 100);
        }
        if (lost) throw lost;
      } catch (error) {
        if (this.closed) break;
        this.status = { ...this.status, state: 'offline', problem: describe(error) };
        await this.closeClients();
        await this.sleep(retry[Math.min(attempt, retry.length - 1)] ?? 1_000);
        attempt++;
        continue;
      }
    }
    await this.closeClients();
  }

  private async closeClients(): Promise<void> {
    const clients = [...this.clients];
    this.clients.clear();
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }

  private async pushAll(client: pg.Client, limit: number): Promise<void> {
    for (;;) {
      const local = this.deps.local();
      const batch = local.nextBatch(this.deps.environmentId, limit);
      if (batch.ids.length === 0) return;
      const merged = await pushBatch(client, batch);
      this.deps.local().done(batch.ids, merged);
    }
  }

  /**
   * Pulls until the cursor has caught up. A pull of many orders for the cache (a console joining the
   * team) is written with the indexes deferred and builds them at its end: a catch-up of 100,000
   * orders kept the full-text index up order by order.
   */
  private async pullAll(client: pg.Client, limit: number): Promise<void> {
    const environmentId = this.deps.environmentId;
    const first = this.deps.local();
    const waiting = await ordersWaiting(client, environmentId, first.cursor(environmentId), CATCH_UP_COUNT_CAP);
    const deferred = waiting > limit && first.deferIndexesFor(waiting);
    let count = 0;
    try {
      for (;;) {
        const local = this.deps.local();
        const cursor = local.cursor(environmentId);
        const changes = await pullChanges(client, environmentId, cursor, limit);
        if (changes.upTo === cursor) return;
        const missing = await ordersByKey(client, local.missingOrders(changes));
        this.deps.local().apply(environmentId, changes, missing);
        const pulled = changes.orders.length + changes.events.length + changes.audit.length;
        count += pulled;
        this.deps.applied?.(pulled);
      }
    } finally {
      // A console closing leaves them to its next open, which builds what is listed before any search.
      if (deferred && !this.closed) {
        this.deps.local().buildIndexes();
        // Said again once built: what the screens asked for meanwhile could not find the new orders.
        if (count > 0) this.deps.applied?.(count);
      }
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && 'appError' in error) return (error as { message: string }).message;
  const code = (error as { code?: string })?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'ECONNRESET') {
    return `The team database cannot be reached (${code}); this console keeps working and sends its changes when it is back.`;
  }
  if (code === '28P01' || code === '28000') return 'The team database refused the user name or password.';
  if (code === '57P01' || code === '57P03') return 'The team database is shutting down or starting; trying again.';
  const message = error instanceof Error ? error.message : String(error);
  return `The team database answered: ${message.slice(0, 200)}`;
}
