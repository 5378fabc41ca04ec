import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../electron/core/cache/cache';
import { indexesDeferred } from '../../../electron/core/store/deferred-indexes';
import { createLocalTeam } from '../../../electron/core/team/local-team';
import { TeamSync } from '../../../electron/core/team/team-sync';
import { pullChanges, pushBatch } from '../../../electron/core/team/team-remote';
import type { PulledChanges, TeamEvent, TeamOrder } from '../../../electron/core/team/team-rows';
import type { TestPostgres } from '../../support/postgres';
import { startPostgres } from '../../support/postgres';
import { tempDir } from '../../support/temp-dir';
import pg from 'pg';
import { teamDatabase, withClient } from './team-fixture';

let server: TestPostgres;
let url: string;

beforeAll(async () => {
  server = await startPostgres();
  url = await teamDatabase(server, 'catchup');
}, 60_000);
afterAll(async () => server?.close());

const order = (environmentId: string, i: number): TeamOrder => ({
  environment_id: environmentId,
  order_id: `ORD-${i}`,
  api: { status: 'brand_new', window_starts_at: '2026-06-01T10:00:00Z', raw: '{}' },
  fetched_ms: 1_000,
  customer: { first_name: `Catchup${i}`, last_name: 'Tester', phone: '+14155550100' },
  customer_ms: 1_000,
  customer_from_shop: true,
  first_seen_ms: 1_000,
  first_source: 'shop',
  origin: 'console-a',
});

const event = (environmentId: string, i: number): TeamEvent => ({
  uid: `console-a:${environmentId}:e${i}`,
  environment_id: environmentId,
  order_id: `ORD-${i}`,
  at_ms: 2_000,
  kind: 'status',
  field: null,
  from_value: 'brand_new',
  to_value: 'acknowledged',
  source: 'get',
  origin: 'console-a',
});

/** Pulls everything after `cursor` in pulls of `limit`, as a console's sync does. */
async function pullAll(environmentId: string, limit: number): Promise<PulledChanges[]> {
  return withClient(url, async (client) => {
    const pulls: PulledChanges[] = [];
    let cursor = 0;
    for (;;) {
      const changes = await pullChanges(client, environmentId, cursor, limit);
      if (changes.upTo === cursor) return pulls;
      pulls.push(changes);
      cursor = changes.upTo;
    }
  });
}

const seqs = (pulls: PulledChanges[]) =>
  pulls.flatMap((p) => [...p.orders, ...p.events, ...p.audit].map((row) => row.change_seq!)).sort((a, b) => a - b);

describe('a console catching up with the team', () => {
  it('pulls every change once when one table fills a pull before the others', async () => {
    // All orders numbered before all their history, as a console's outbox sends them when it joins.
    const orders = Array.from({ length: 7 }, (_, i) => order('catch', i));
    await withClient(url, (client) => pushBatch(client, { ids: [], orders, events: [], audit: [] }));
    const events = Array.from({ length: 7 }, (_, i) => event('catch', i));
    await withClient(url, (client) => pushBatch(client, { ids: [], orders: [], events, audit: [] }));

    const pulls = await pullAll('catch', 3);
    const all = seqs(pulls);
    expect(all).toHaveLength(14);
    expect(new Set(all).size).toBe(14);
    expect(all).toEqual([...all].sort((a, b) => a - b));
    for (const pull of pulls) {
      for (const row of [...pull.orders, ...pull.events]) expect(row.change_seq).toBeLessThanOrEqual(pull.upTo);
    }
    // The first pulls end where the orders' limit did: no history is carried that the next pull repeats.
    expect(pulls[0]).toMatchObject({ orders: expect.any(Array), events: [] });
    expect(pulls[0]!.orders).toHaveLength(3);
    expect(pulls.map((p) => p.orders.length + p.events.length)).toEqual([3, 3, 4, 3, 1]);
  });

  it('writes a large pull searchable and outside the outbox, and the console’s own writes go out again after', async () => {
    const count = 600;
    await withClient(url, (client) =>
      pushBatch(client, {
        ids: [],
        orders: Array.from({ length: count }, (_, i) => order('bulk', i)),
        events: Array.from({ length: count }, (_, i) => event('bulk', i)),
        audit: [],
      }),
    );
    const [pull, ...rest] = await pullAll('bulk', 2_000);
    expect(rest).toEqual([]);
    expect(pull!.orders).toHaveLength(count);

    const dir = tempDir('lastmile-catch-up-');
    const cache = openCache(join(dir.path, 'lastmile.db'), { clock: { now: () => 5_000 } });
    try {
      const { db } = cache.database;
      const local = createLocalTeam(db);
      local.link('bulk');
      local.apply('bulk', pull!, []);

      expect(db.prepare(`SELECT count(*) AS n FROM orders WHERE environment_id = 'bulk'`).get()).toEqual({ n: count });
      expect(db.prepare(`SELECT count(*) AS n FROM order_events`).get()).toEqual({ n: count });
      expect(local.pending('bulk')).toBe(0);
      expect(local.cursor('bulk')).toBe(pull!.upTo);
      const found = db.prepare(`SELECT rowid FROM orders_fts WHERE orders_fts MATCH 'catchup599'`).all();
      expect(found).toHaveLength(1);

      const triggers = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger'`).all();
      expect(triggers).toHaveLength(4);
      db.prepare(`UPDATE orders SET first_name = 'Edited' WHERE environment_id = 'bulk' AND order_id = 'ORD-1'`).run();
      expect(local.pending('bulk')).toBe(1);
    } finally {
      cache.close();
      dir.remove();
    }
  });

  it('writes a catch-up of many orders with the indexes deferred, then builds them', async () => {
    const count = 12_000;
    await withClient(url, (client) =>
      pushBatch(client, {
        ids: [],
        orders: Array.from({ length: count }, (_, i) => order('join', i)),
        events: [],
        audit: [],
      }),
    );
    const dir = tempDir('lastmile-catch-up-');
    const cache = openCache(join(dir.path, 'lastmile.db'), { clock: { now: () => 5_000 } });
    const { db } = cache.database;
    const local = createLocalTeam(db);
    local.link('join');
    const deferredWhilePulling: boolean[] = [];
    const sync = new TeamSync({
      environmentId: 'join',
      connect: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        return client;
      },
      local: () => local,
      now: () => Date.now(),
      applied: () => deferredWhilePulling.push(indexesDeferred(db)),
      tuning: { pollMs: 50, pullEveryMs: 60_000 },
    });
    try {
      await sync.settled(60_000);
      expect(db.prepare(`SELECT count(*) AS n FROM orders WHERE environment_id = 'join'`).get()).toEqual({ n: count });
      // Each pull is said with the indexes still deferred, then the whole once they are built.
      expect(deferredWhilePulling.length).toBeGreaterThan(2);
      expect(deferredWhilePulling.slice(0, -1).every(Boolean)).toBe(true);
      expect(deferredWhilePulling.at(-1)).toBe(false);
      expect(indexesDeferred(db)).toBe(false);
      const indexes = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'orders_by_window'`);
      expect(indexes.all()).toEqual([{ name: 'orders_by_window' }]);
      expect(db.prepare(`SELECT rowid FROM orders_fts WHERE orders_fts MATCH 'catchup11999'`).all()).toHaveLength(1);
      db.exec("INSERT INTO orders_fts (orders_fts) VALUES ('integrity-check')");
    } finally {
      await sync.close();
      cache.close();
      dir.remove();
    }
  }, 90_000);
});
