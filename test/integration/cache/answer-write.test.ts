import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkLoadOrders } from '../../../electron/core/orders/bulk-load';
import { createOrderWriter } from '../../../electron/core/orders/order-writer';
import { createRandom } from '../../../electron/core/sandbox/random';
import type { ApiOrder } from '../../../shared/domain';
import { importShopLines } from '../../support/shop-export-import';
import { apiOrder, createRequest, openTestCache, T0 } from './cache-fixture';

const ENV = 'sandbox';
const COUNT = 240;
const HOUR = 3_600_000;

type TestCache = ReturnType<typeof openTestCache>;

/**
 * The same orders in every cache, each learned a different way: created by the console (with what it
 * sent), imported from the shop's export, answered by Instacart alone, or not known at all.
 */
async function prepare(cache: TestCache): Promise<void> {
  const lines = [];
  for (let i = 0; i < COUNT; i += 1) {
    const id = `AW-${i}`;
    const start = new Date(T0 + (i % 7) * HOUR).toISOString();
    if (i % 4 === 0) {
      cache.orders.recordApiOrder(ENV, apiOrder(id, {}, start), {
        source: 'create',
        known: createRequest({ first_name: `First${i}`, bags_count: i % 3 }),
      });
    } else if (i % 4 === 1) {
      lines.push({ 'Order #': id, 'Customer ID': `u${i}`, 'First Name': `First${i}`, Phone: '(415) 555-0123' });
    } else if (i % 4 === 2) {
      cache.orders.recordApiOrder(ENV, apiOrder(id, { locale: 'en-US' }, start), { source: 'get' });
    }
  }
  await importShopLines(cache, ENV, lines);
}

/** Answers that say more, less, the same, or null about every field an answer can hold. */
function answers(seed: number): { api: ApiOrder; userId?: string; receivedMs?: number }[] {
  const random = createRandom(seed);
  const maybe = <T>(value: T): T | undefined => (random.chance(0.5) ? value : undefined);
  return Array.from({ length: COUNT }, (_, i) => {
    const start = new Date(T0 + random.int(9) * HOUR).toISOString();
    const base = apiOrder(
      `AW-${i}`,
      { status: random.pick(['brand_new', 'acknowledged', 'picking', 'canceled']) },
      start,
    );
    const api: ApiOrder = {
      ...base,
      order_url: maybe(`https://example.test/o/${i}`),
      locale: maybe(random.pick(['en-US', 'es-US'])),
      is_express: maybe(random.chance(0.5)),
      metadata: maybe({ lane: random.int(3) }),
      cancellation_reason: maybe('customer_request'),
      fulfillment_details: random.chance(0.2)
        ? undefined
        : {
            window_starts_at: start,
            window_ends_at: new Date(Date.parse(start) + HOUR).toISOString(),
            store_location: maybe(random.pick(['store-001', 'store-002'])),
            bag_count: maybe(random.int(5)),
            delivered_at: maybe('2026-06-15T18:00:00Z'),
          },
    };
    // An answer received before the cache's copy was fetched is older than it, and is dropped.
    const receivedMs = random.chance(0.2) ? T0 - HOUR : random.chance(0.5) ? T0 + HOUR : undefined;
    return { api, userId: maybe(`u-answer-${i}`), receivedMs };
  });
}

const rows = (cache: TestCache) => cache.database.db.prepare('SELECT * FROM orders ORDER BY order_id').all();
const events = (cache: TestCache) =>
  cache.database.db
    .prepare(
      `SELECT o.order_id, e.at_ms, e.kind, e.from_value, e.to_value, e.source
       FROM order_events e JOIN orders o ON o.id = e.order_ref ORDER BY o.order_id, e.id`,
    )
    .all();
/** FTS5 checks its index against the rows it reads them from: a write that gave it wrong old values fails. */
const checkIndex = (cache: TestCache) =>
  cache.database.db.prepare(`INSERT INTO orders_fts (orders_fts, rank) VALUES ('integrity-check', 1)`).run();

describe("an answer's write, which reads and writes only what an answer can change", () => {
  const caches: TestCache[] = [];
  beforeEach(async () => {
    for (let i = 0; i < 3; i += 1) caches.push(openTestCache());
    for (const cache of caches) await prepare(cache);
    for (const cache of caches) cache.clock.set(T0 + 2 * HOUR);
  });
  afterEach(() => caches.splice(0).forEach((cache) => cache.remove()));

  it.each([1, 2, 3])('leaves every row, history and index as the full merge does (seed %i)', (seed) => {
    const [full, answer, bulk] = caches as [TestCache, TestCache, TestCache];
    const batch = answers(seed);
    const fullWriter = createOrderWriter(full.database.db, () => full.clock.now());
    const answerWriter = createOrderWriter(answer.database.db, () => answer.clock.now());
    // Each in the IMMEDIATE transaction the writer asks for, as the repository and the bulk load begin it.
    const fullChanges = full.database.db
      .transaction(() => batch.map((item) => fullWriter.write(ENV, item.api, { source: 'get', ...item }, true).changes))
      .immediate();
    const answerChanges = answer.database.db
      .transaction(() =>
        batch.map((item) => answerWriter.writeAnswer(ENV, item.api, { source: 'get', ...item }, true).changes),
      )
      .immediate();
    // The same answers as one large load, which defers the indexes and builds them after.
    const loaded = bulkLoadOrders(bulk.database, ENV, batch, { source: 'get', expectedCount: COUNT });

    expect(loaded.rebuilt).toBe(true);
    expect(answerChanges).toEqual(fullChanges);
    expect(fullChanges.flat().length).toBeGreaterThan(COUNT / 2);
    expect(rows(answer)).toEqual(rows(full));
    expect(rows(bulk)).toEqual(rows(full));
    expect(events(answer)).toEqual(events(full));
    expect(events(bulk)).toEqual(events(full));
    for (const cache of caches) checkIndex(cache);
  });
});
