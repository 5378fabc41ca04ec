import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from './support';
import { createOrder, single, startTestApi } from './support';

const NOT_ELIGIBLE = single('No order that is eligible to be staged could be found for the provided identifier.', 4000);

describe('stage-order.txt', () => {
  let api: TestApi;
  const stage = (orderId: string, body: unknown = {}) =>
    api.call('POST', `/v2/fulfillment/lastmile/orders/${orderId}/staged`, body);

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('stages a dispatch order ready to stage, once: a second stage is refused and not counted', async () => {
    const orderId = api.sandbox.info.dispatch_order_ids[0] as string;
    const first = await stage(orderId, { items_count: 1, bags_count: 1, items_weight: 1, bag_label: 'string' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: orderId, status: 'staged', fulfillment_details: { bag_count: 1 } });
    const second = await stage(orderId);
    expect(second.status).toBe(404);
    expect(second.body).toEqual(NOT_ELIGIBLE);
    expect(api.sandbox.counters.order(orderId)).toEqual({ creates: 0, stages: 1, updates: 0, cancels: 0 });
    expect(api.sandbox.info.dispatch_order_ids).not.toContain(orderId);
  });

  it('stages a new order of a dispatch store', async () => {
    const orderId = await createOrder(api, api.sandbox.info.user_ids[1] as string, '1003');
    expect((await stage(orderId)).status).toBe(200);
  });

  it('404 for an order that is not dispatch, unknown, delivered or canceled', async () => {
    const notDispatch = await createOrder(api, api.sandbox.info.user_ids[1] as string, '1001');
    const finished = [];
    for (const { orderId } of api.sandbox.demoOrders()) {
      const got = await api.call('GET', `/v2/fulfillment/lastmile/orders/${orderId}`);
      const status = (got.body as { status: string }).status;
      if (status === 'delivered' || status === 'canceled') finished.push(orderId);
      if (finished.length === 3) break;
    }
    for (const orderId of [notDispatch, 'no-such-order', ...finished]) {
      const answer = await stage(orderId);
      expect(answer.status, orderId).toBe(404);
      expect(answer.body).toEqual(NOT_ELIGIBLE);
    }
  });

  it('400 request could not be processed at this time (transient 2003), counting nothing', async () => {
    const orderId = api.sandbox.info.dispatch_order_ids[0] as string;
    api.sandbox.setFaults({ wait2003: 1 });
    try {
      const answer = await stage(orderId);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(
        single('The request could not be completed at this time, try again later.', 2003, { wait: '30' }),
      );
    } finally {
      api.sandbox.setFaults({ wait2003: 0 });
    }
    expect(api.sandbox.counters.order(orderId).stages).toBe(0);
    expect((await stage(orderId)).status).toBe(200);
  });

  it('moves a staged order on with the clock: staged, delivering before its window, then delivered', async () => {
    const orderId = api.sandbox.info.dispatch_order_ids[0] as string;
    const staged = await stage(orderId);
    expect(staged.status).toBe(200);
    const windowStart = Date.parse(
      (staged.body as { fulfillment_details: { window_starts_at: string } }).fulfillment_details.window_starts_at,
    );
    const status = async () =>
      ((await api.call('GET', `/v2/fulfillment/lastmile/orders/${orderId}`)).body as { status: string }).status;
    const start = api.sandbox.clock.now();
    try {
      api.sandbox.clock.set(Math.max(windowStart - 10 * 60_000, start + 25 * 60_000));
      expect(await status()).toBe('delivering');
      api.sandbox.clock.advance(60 * 60_000);
      const delivered = await api.call('GET', `/v2/fulfillment/lastmile/orders/${orderId}`);
      expect(delivered.body).toMatchObject({
        status: 'delivered',
        fulfillment_details: { delivered_at: expect.any(String) },
      });
    } finally {
      api.sandbox.clock.set(start);
    }
    expect(await status()).toBe('staged');
  });
});
