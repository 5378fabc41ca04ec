import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from './support';
import { startTestApi } from './support';

describe('get-order.txt', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const get = (orderId: string, userId?: string) =>
    api.call('GET', `/v2/fulfillment/lastmile/orders/${orderId}${userId === undefined ? '' : `?user_id=${userId}`}`);

  it('answers a demo order with the documented fields, with or without its user id', async () => {
    const [first] = api.sandbox.demoOrders();
    if (!first) throw new Error('no demo orders');
    const answer = await get(first.orderId, first.userId);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: first.orderId,
      status: expect.stringMatching(/^(brand_new|acknowledged|staged|delivering|delivered|rescheduled|canceled)$/),
      order_url: expect.stringContaining(first.orderId),
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      locale: expect.stringMatching(/^[a-z]{2}_[A-Z]{2}$/),
      is_instacartplus: expect.any(Boolean),
      fulfillment_details: {
        store_location: expect.any(String),
        window_starts_at: expect.any(String),
        window_ends_at: expect.any(String),
      },
    });
    expect((await get(first.orderId)).body).toEqual(answer.body);
  });

  it('400 User Not Found for a user id the sandbox does not know', async () => {
    const answer = await get(api.sandbox.info.sample_order_ids[0] as string, 'nobody-at-all');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: { message: 'User Not Found', code: 1001 }, meta: { key: 'user_id' } });
  });

  it('404 Resource not found for an unknown order, or one of another user', async () => {
    const notFound = { error: { message: 'Resource not found', code: 4000 } };
    const unknown = await get('no-such-order');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(notFound);
    const [a, b] = api.sandbox.demoOrders().filter((o, i, all) => all.findIndex((x) => x.userId === o.userId) === i);
    const other = await get(a?.orderId as string, b?.userId);
    expect(other.status).toBe(404);
    expect(other.body).toEqual(notFound);
  });
});
