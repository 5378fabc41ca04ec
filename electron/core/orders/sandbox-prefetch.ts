import { searchQuery } from '../../../shared/contract';
import type { OrderSearch } from '../search/order-search';
import type { OrdersCache } from './orders-cache';

type PrefetchCache = OrdersCache & { search: OrderSearch };
import type { Clock } from '../clock';
import type { Connections } from '../environments/connections';
import type { Environments } from '../environments/environments';
import { SANDBOX_ID } from '../environments/settings-file';
import type { Emit } from '../events';
import { AnswerBuffer } from './answer-buffer';
import { progressReporter } from './progress';
import { runBatch } from './run-batch';

export interface SandboxPrefetchDeps {
  cache: () => PrefetchCache;
  connections: Connections;
  environments: Environments;
  /** The built-in sandbox's seeded orders (and their owners). */
  demoOrders: () => { orderId: string; userId: string }[];
  emit: Emit;
  clock: Clock;
}

/** The in-process sandbox has no rate limit; this many at once keeps both sides of loopback busy. */
const CONCURRENCY = 8;

/**
 * On first use of the built-in Sandbox with nothing cached for it, gets its demo orders through the
 * normal client and write-through, so a new user has orders to search. Runs in the background.
 */
export class SandboxPrefetch {
  private running: Promise<void> = Promise.resolve();
  private failure: unknown;
  private readonly stop = new AbortController();

  constructor(private readonly deps: SandboxPrefetchDeps) {}

  /** Starts the prefetch if the sandbox is selected and its cache is empty; returns when it is done. */
  maybeStart(): Promise<void> {
    // Never rejects: it runs in the background, where a rejection would have no one to go to.
    this.running = this.running.then(() =>
      this.run().catch((error: unknown) => {
        this.failure = error;
      }),
    );
    return this.running;
  }

  /** Waits for a prefetch under way; rejects if a prefetch failed as a whole (tests see why). */
  async idle(): Promise<void> {
    await this.running;
    if (this.failure !== undefined) throw this.failure;
  }

  /** Cancels a prefetch under way (the console is closing) and waits for it to stop. */
  async cancel(): Promise<void> {
    this.stop.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    const { environments, connections } = this.deps;
    if (this.stop.signal.aborted || environments.selectedId !== SANDBOX_ID) return;
    let cache: PrefetchCache;
    try {
      cache = this.deps.cache();
    } catch {
      return; // No cache to fill: the cache channels report why.
    }
    if (cache.search.search(SANDBOX_ID, searchQuery.parse({ limit: 1 })).total > 0) return;
    let client;
    try {
      client = connections.client(SANDBOX_ID);
    } catch {
      return; // The sandbox is not running in this console.
    }
    const orders = this.deps.demoOrders();
    const buffer = new AnswerBuffer(cache, SANDBOX_ID, 'get');
    await runBatch({
      items: orders.map((order, index) => ({ ...order, line: index + 1 })),
      concurrency: CONCURRENCY,
      signal: this.stop.signal,
      onProgress: progressReporter(this.deps.emit, this.deps.clock, 'prefetch', orders.length),
      run: async ({ orderId, userId }) => {
        const api = await client.getOrder(orderId, userId, { signal: this.stop.signal });
        buffer.add({ api, userId });
      },
    });
    buffer.flush();
  }
}
