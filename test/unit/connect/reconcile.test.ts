import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectClient } from '../../../electron/core/connect/connect-client';
import type { ConnectError } from '../../../electron/core/connect/connect-error';
import { connectStageApi } from '../../../electron/core/staging/connect-stage-api';
import { afterLookup, afterStage, DEFAULT_OUTCOMES } from '../../../electron/core/staging/item-outcomes';
import type { ItemRecord } from '../../../electron/core/staging/journal';
import type { CreateOrderRequest } from '../../../shared/domain';
import type { Reply, ScriptedServer } from '../../support/scripted-server';
import { startScriptedServer } from '../../support/scripted-server';

const REQUEST: CreateOrderRequest = {
  location_code: '1003',
  service_option_hold_id: 456,
  first_name: 'Kamal',
  last_name: 'Singh',
  user_phone: '+18005550101',
  items_count: 12,
  items_weight: 15,
  address: { address_line_1: '50 Beale St', postal_code: '94105' },
};
const order = (id: string, status = 'brand_new'): Reply => ({ status: 200, json: { id, status } });
const inUse: Reply = { status: 400, json: { error: { message: 'Order already in use.', code: 1003 } } };
const notFound: Reply = { status: 404, json: { error: { message: 'Resource not found', code: 4000 } } };

let server: ScriptedServer;
const client = (timeoutMs = 5000) =>
  new ConnectClient({
    baseUrl: server.url,
    credentials: async () => ({ clientId: 'c', clientSecret: 's' }),
    sleep: async () => {},
    timeoutMs,
  });

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  try {
    await promise;
  } catch (error) {
    return error as ConnectError;
  }
  throw new Error('expected the call to fail');
}

beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(() => server.close());

describe('creating an order safely', () => {
  it('always sends an order id, generating one when it is blank', async () => {
    server.fallback = (request) => order((JSON.parse(request.body) as { order_id: string }).order_id);
    const outcome = await client().createOrder('u1', { ...REQUEST, order_id: '  ' });
    expect(outcome.orderId).toMatch(/^LMC-/);
    expect(outcome).toMatchObject({ reconciled: false, order: { id: outcome.orderId } });
    const [create] = server.apiRequests();
    expect(create?.path).toBe('/v2/fulfillment/users/u1/orders/last_mile');
    expect(JSON.parse(create?.body ?? '')).toMatchObject({ order_id: outcome.orderId, first_name: 'Kamal' });

    const own = await client().createOrder('u1', { ...REQUEST, order_id: 'R-77' });
    expect(own.orderId).toBe('R-77');
  });

  it('settles a 1003 that follows a lost answer with a get of the same id', async () => {
    server.script({ drop: true }, inUse, order('R-1'));
    const outcome = await client().createOrder('u1', { ...REQUEST, order_id: 'R-1' });
    expect(outcome).toMatchObject({ orderId: 'R-1', reconciled: true, order: { id: 'R-1' } });
    expect(server.apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v2/fulfillment/users/u1/orders/last_mile',
      'POST /v2/fulfillment/users/u1/orders/last_mile',
      'GET /v2/fulfillment/lastmile/orders/R-1?user_id=u1',
    ]);
  });

  it('reports a 1003 on the first attempt as a real conflict, without a get', async () => {
    server.script(inUse);
    const error = await failure(client().createOrder('u1', { ...REQUEST, order_id: 'R-2' }));
    expect(error.kind).toBe('order_id_in_use');
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('looks a timed-out create up before reporting; found means created', async () => {
    server.script({ hang: true }, order('R-3'));
    const outcome = await client(150).createOrder('u1', { ...REQUEST, order_id: 'R-3' }, { retry: false });
    expect(outcome).toMatchObject({ reconciled: true, order: { id: 'R-3' } });
  });

  it('says a timed-out create was not found, and to retry with the same id', async () => {
    server.script({ hang: true }, notFound);
    const error = await failure(client(150).createOrder('u1', { ...REQUEST, order_id: 'R-4' }, { retry: false }));
    expect(error.kind).toBe('timeout');
    expect(error.appError.hint).toMatch(/Order R-4 was not found.*same order id/);
  });

  it('says plainly when whether the order exists cannot be known', async () => {
    server.script({ hang: true }, { hang: true });
    const error = await failure(client(150).createOrder('u1', { ...REQUEST, order_id: 'R-5' }, { retry: false }));
    expect(error.kind).toBe('timeout');
    expect(error.appError.hint).toMatch(/Whether order R-5 was created is not known: look it up/);
  });
});

describe('staging an order: one plain call, settled by bulk staging', () => {
  const item: ItemRecord = {
    seq: 0,
    orderId: 'S-1',
    line: null,
    values: { bags_count: 2 },
    state: 'in_flight',
    uncertain: false,
    attempts: 1,
    lookups: 0,
    notBeforeMs: 0,
    orderStatus: null,
    note: null,
    error: null,
  };

  it('reports a 4000 that follows a lost answer as it is, without a get of its own', async () => {
    server.script({ drop: true }, notFound);
    const error = await failure(client().stageOrder('S-1', { bags_count: 2 }));
    expect(error.kind).toBe('not_found');
    expect(server.apiRequests().map((r) => r.method)).toEqual(['POST', 'POST']);
  });

  it("is settled by the journal's path: a lost answer is looked up, and a staged order is not sent again", async () => {
    server.script({ drop: true }, order('S-1', 'staged'));
    const api = connectStageApi(() => client());
    const signal = new AbortController().signal;
    const lost = afterStage(
      item,
      await api.stage('S-1', item.values, signal).then(
        (answer) => ({ order: answer }),
        (error: unknown) => ({ error }),
      ),
      0,
      DEFAULT_OUTCOMES,
    );
    expect(lost.item).toMatchObject({ state: 'unknown', uncertain: true });
    const looked = afterLookup(lost.item, { order: await api.get('S-1', signal) }, DEFAULT_OUTCOMES);
    expect(looked.item).toMatchObject({ state: 'done', orderStatus: 'staged' });
    expect(looked.item.note).toMatch(/look-up confirmed it/);
    expect(server.apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v2/fulfillment/lastmile/orders/S-1/staged',
      'GET /v2/fulfillment/lastmile/orders/S-1',
    ]);
  });
});
