import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordersByKey, pullChanges, pushBatch } from '../../../electron/core/team/team-remote';
import type { TeamOrder } from '../../../electron/core/team/team-rows';
import type { TestPostgres } from '../../support/postgres';
import { startPostgres } from '../../support/postgres';
import { teamDatabase, withClient } from './team-fixture';

let server: TestPostgres;
let url: string;

beforeAll(async () => {
  server = await startPostgres();
  url = await teamDatabase(server, 'merge');
}, 60_000);
afterAll(async () => server?.close());

function order(over: Partial<TeamOrder>): TeamOrder {
  return {
    environment_id: 'prod',
    order_id: 'ORD-1',
    api: { status: 'brand_new', window_starts_at: '2026-06-01T10:00:00Z' },
    fetched_ms: 1_000,
    customer: { first_name: 'Ada', phone: '+14155550100', tip_cents: 200 },
    customer_ms: 1_000,
    customer_from_shop: true,
    first_seen_ms: 1_000,
    first_source: 'shop',
    origin: 'console-a',
    ...over,
  };
}

const push = (orders: TeamOrder[]) =>
  withClient(url, (client) => pushBatch(client, { ids: [], orders, events: [], audit: [] }));

describe('how the team database merges two consoles’ copies of an order', () => {
  it('takes the status and window from the latest fetch, whoever sends last', async () => {
    await push([order({})]);
    await push([order({ api: { status: 'staged', window_starts_at: '2026-06-01T12:00:00Z' }, fetched_ms: 3_000 })]);
    const [merged] = await push([order({ api: { status: 'acknowledged' }, fetched_ms: 2_000, origin: 'console-b' })]);
    expect(merged).toMatchObject({
      api: { status: 'staged', window_starts_at: '2026-06-01T12:00:00Z' },
      fetched_ms: 3_000,
    });
  });

  it('takes the customer from the latest change, the shop’s export on a tie, and never erases a field with nothing', async () => {
    const key = { order_id: 'ORD-2' };
    await push([
      order({ ...key, customer: { first_name: 'Ada', phone: '+14155550100', tip_cents: 200 }, customer_ms: 5_000 }),
    ]);
    // The same moment from a console's own create: the shop's export stays.
    let [merged] = await push([
      order({
        ...key,
        customer: { first_name: 'Adah', tip_cents: 300 },
        customer_ms: 5_000,
        customer_from_shop: false,
      }),
    ]);
    expect(merged!.customer).toMatchObject({ first_name: 'Ada', tip_cents: 200 });
    // A later tip sent by a console that knows nothing else of the customer: the tip changes, the rest stays.
    [merged] = await push([
      order({
        ...key,
        customer: { first_name: null, phone: null, tip_cents: 900 },
        customer_ms: 6_000,
        customer_from_shop: false,
        first_seen_ms: 6_000,
        first_source: 'update',
      }),
    ]);
    expect(merged).toMatchObject({
      customer: { first_name: 'Ada', phone: '+14155550100', tip_cents: 900 },
      first_seen_ms: 1_000,
      first_source: 'shop',
    });
  });

  it('leaves a replayed write invisible: no new change number, nothing for the others to pull', async () => {
    const before = await withClient(url, (client) => pullChanges(client, 'prod', 0, 100));
    const [again] = await push([
      order({ api: { status: 'staged', window_starts_at: '2026-06-01T12:00:00Z' }, fetched_ms: 3_000 }),
    ]);
    const after = await withClient(url, (client) => pullChanges(client, 'prod', 0, 100));
    expect(after.upTo).toBe(before.upTo);
    expect(again!.change_seq).toBe((await withClient(url, (c) => ordersByKey(c, [again!])))[0]!.change_seq);
  });
});
