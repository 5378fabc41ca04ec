import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimOrders, releaseClaims, STAGED_KEPT_MS } from '../../../electron/core/team/team-claims';
import { pushBatch } from '../../../electron/core/team/team-remote';
import type { TeamOrder } from '../../../electron/core/team/team-rows';
import type { TestPostgres } from '../../support/postgres';
import { startPostgres } from '../../support/postgres';
import { teamDatabase, withClient } from './team-fixture';

let server: TestPostgres;
let url: string;

beforeAll(async () => {
  server = await startPostgres();
  url = await teamDatabase(server, 'claims');
}, 60_000);
afterAll(async () => server?.close());

/** An order as a console that fetched it at `fetchedMs` sends it to the team. */
const fetched = (orderId: string, status: string, fetchedMs: number): TeamOrder => ({
  environment_id: 'prod',
  order_id: orderId,
  api: { status },
  fetched_ms: fetchedMs,
  customer: {},
  customer_ms: 0,
  customer_from_shop: false,
  first_seen_ms: fetchedMs,
  first_source: 'lookup',
  origin: 'other-console',
});

const claim = (claimId: string, consoleName: string, orderIds: string[]) =>
  withClient(url, (client) => claimOrders(client, { environmentId: 'prod', claimId, consoleName, orderIds }));

describe('the team’s claims on staged orders', () => {
  it('keeps the orders a finished job staged from the next job, and gives back the others', async () => {
    expect(await claim('job-a', 'ana', ['S-1', 'S-2', 'S-3'])).toEqual(new Map());
    await withClient(url, (client) => releaseClaims(client, 'job-a', ['S-1', 'S-2']));
    const held = await claim('job-b', 'ben', ['S-1', 'S-2', 'S-3']);
    expect(held).toEqual(
      new Map([
        ['S-1', { consoleName: 'ana', staged: true }],
        ['S-2', { consoleName: 'ana', staged: true }],
      ]),
    );
    await withClient(url, (client) => releaseClaims(client, 'job-b', []));
    const rows = await withClient(
      url,
      async (client) =>
        (await client.query(`SELECT order_id, claim_id FROM team_staging_claims WHERE order_id LIKE 'S-%' ORDER BY 1`))
          .rows,
    );
    expect(rows).toEqual([
      { order_id: 'S-1', claim_id: 'job-a' },
      { order_id: 'S-2', claim_id: 'job-a' },
    ]);
  });

  it('lets an order be claimed again once the team learns after the stage that it may be staged again', async () => {
    await claim('job-c', 'ana', ['R-1', 'R-2', 'R-3']);
    await withClient(url, (client) => releaseClaims(client, 'job-c', ['R-1', 'R-2', 'R-3']));
    const now = Date.now();
    await withClient(url, (client) =>
      pushBatch(client, {
        ids: [],
        // R-1 rescheduled since the stage; R-2's later answer says staged; R-3's answer predates the stage.
        orders: [
          fetched('R-1', 'rescheduled', now + 5_000),
          fetched('R-2', 'staged', now + 5_000),
          fetched('R-3', 'acknowledged', now - 60_000),
        ],
        events: [],
        audit: [],
      }),
    );
    const held = await claim('job-d', 'ben', ['R-1', 'R-2', 'R-3']);
    expect([...held.keys()]).toEqual(['R-2', 'R-3']);
    const r1 = await withClient(
      url,
      async (client) =>
        (await client.query(`SELECT claim_id, staged_ms FROM team_staging_claims WHERE order_id = 'R-1'`)).rows,
    );
    expect(r1).toEqual([{ claim_id: 'job-d', staged_ms: null }]);
  });

  it('forgets a staged order after a day', async () => {
    await claim('job-e', 'ana', ['D-1', 'D-2']);
    await withClient(url, (client) => releaseClaims(client, 'job-e', ['D-1', 'D-2']));
    await withClient(url, (client) =>
      client.query(`UPDATE team_staging_claims SET staged_ms = staged_ms - $1 WHERE order_id = 'D-1'`, [
        STAGED_KEPT_MS + 1_000,
      ]),
    );
    const held = await claim('job-f', 'ben', ['D-1', 'D-2']);
    expect([...held.keys()]).toEqual(['D-2']);
  });
});
