import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from './support';
import { send, startTestApi, TEST_NOW } from './support';

describe('sandbox controls under /_sandbox/', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());
  const admin = (method: string, path: string, body?: unknown) =>
    send(api.sandbox.url, method, `/_sandbox${path}`, body);

  it('serves the info the CLI prints', async () => {
    const info = await admin('GET', '/info');
    expect(info.body).toEqual(api.sandbox.info);
    expect(api.sandbox.info).toMatchObject({
      url: api.sandbox.url,
      client_id: api.sandbox.credentials.clientId,
      postal_codes: { served: expect.arrayContaining(['94105']), unsupported: expect.arrayContaining(['10001']) },
    });
  });

  it('serves and resets the counters, which count responses by status', async () => {
    await api.call('GET', '/v2/fulfillment/lastmile/orders/nope');
    const counters = await admin('GET', '/counters');
    expect(counters.body).toMatchObject({ statusCodes: { '404': 1 }, totals: { requests: expect.any(Number) } });
    expect((await admin('POST', '/counters/reset', {})).body).toMatchObject({ statusCodes: {}, orders: {} });
    expect(api.sandbox.counters.statusCount(404)).toBe(0);
  });

  it('moves the clock', async () => {
    expect((await admin('GET', '/clock')).body).toEqual({ now: '2026-11-23T17:00:00Z', now_ms: TEST_NOW });
    expect((await admin('POST', '/clock', { advance_ms: 60_000 })).body).toMatchObject({ now_ms: TEST_NOW + 60_000 });
    expect((await admin('POST', '/clock', { set: '2026-11-23T17:00:00Z' })).body).toMatchObject({ now_ms: TEST_NOW });
    expect((await admin('POST', '/clock', { set: 'soon' })).status).toBe(400);
  });

  it("shows an order's sandbox record at its order_url, and every assumption", async () => {
    const orderId = api.sandbox.info.sample_order_ids[0] as string;
    const got = await api.call('GET', `/v2/fulfillment/lastmile/orders/${orderId}`);
    const record = await fetch((got.body as { order_url: string }).order_url);
    expect(await record.json()).toMatchObject({ order: { id: orderId }, record: { id: orderId } });
    const assumptions = (await admin('GET', '/assumptions')).body as { id: string; decision: string }[];
    expect(assumptions.map((a) => a.id)).toEqual(expect.arrayContaining(['multipleErrorsShape', 'updateAssigned']));
    expect(assumptions.every((a) => a.decision.length > 20)).toBe(true);
  });

  it('lists every demo order with its user', async () => {
    const list = (await admin('GET', '/demo-orders')).body as { orderId: string; userId: string }[];
    expect(list).toHaveLength(300);
    expect(list).toEqual(api.sandbox.demoOrders());
  });
});
