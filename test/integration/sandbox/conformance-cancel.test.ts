import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from './support';
import { createOrder, single, startTestApi } from './support';

/** Cancel as the public documentation describes it (the pages here do not cover it; see the assumptions table). */
describe('cancel', () => {
  let api: TestApi;
  let user: string;
  const cancel = (userId: string, orderId: string, body: unknown) =>
    api.call('POST', `/v2/fulfillment/users/${userId}/orders/${orderId}/cancel`, body);
  const cancelDispatch = (orderId: string, body: unknown) =>
    api.call('POST', `/v2/fulfillment/lastmile/orders/${orderId}/cancel`, body);

  beforeAll(async () => {
    api = await startTestApi();
    user = api.sandbox.info.user_ids[0] as string;
  });
  afterAll(() => api.close());

  it('cancels a brand_new order with its reason, answering the order; get then says canceled', async () => {
    const orderId = await createOrder(api, user, '1001');
    const answer = await cancel(user, orderId, { cancellation_reason: 'customer_driven' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: orderId, status: 'canceled', cancellation_reason: 'customer_driven' });
    const got = await api.call('GET', `/v2/fulfillment/lastmile/orders/${orderId}`);
    expect(got.body).toMatchObject({ status: 'canceled', cancellation_reason: 'customer_driven' });
    expect(api.sandbox.counters.order(orderId)).toEqual({ creates: 1, stages: 0, updates: 0, cancels: 1 });
  });

  it('cancels a dispatch order on the last mile path, with or without its user', async () => {
    const first = await createOrder(api, user, '1002');
    expect((await cancelDispatch(first, { cancellation_reason: 'retailer_driven' })).status).toBe(200);
    const second = await createOrder(api, user, '1003');
    const answer = await cancelDispatch(second, { cancellation_reason: 'other', user_id: user });
    expect(answer.body).toMatchObject({ status: 'canceled', cancellation_reason: 'other' });
  });

  it('refuses once the order is no longer brand_new (acknowledged, then delivered), and counts nothing', async () => {
    const orderId = await createOrder(api, user, '1001');
    const start = api.sandbox.clock.now();
    try {
      api.sandbox.clock.advance(16 * 60_000);
      const acknowledged = await cancel(user, orderId, { cancellation_reason: 'customer_driven' });
      expect(acknowledged.status).toBe(400);
      expect(acknowledged.body).toEqual(
        single('Order can no longer be canceled: it is acknowledged.', 1001, { key: 'order_id' }),
      );
    } finally {
      api.sandbox.clock.set(start);
    }
    expect(api.sandbox.counters.order(orderId).cancels).toBe(0);
  });

  it('refuses once the order is assigned for fulfillment (staged), on either path, and counts nothing', async () => {
    const orderId = await createOrder(api, user, '1003');
    const staged = await api.call('POST', `/v2/fulfillment/lastmile/orders/${orderId}/staged`, {});
    expect((staged.body as { status: string }).status).toBe('staged');
    const refusal = single('Order can no longer be canceled: it is staged.', 1001, { key: 'order_id' });
    const lastMile = await cancelDispatch(orderId, { cancellation_reason: 'retailer_driven' });
    expect(lastMile.status).toBe(400);
    expect(lastMile.body).toEqual(refusal);
    expect((await cancel(user, orderId, { cancellation_reason: 'customer_driven' })).body).toEqual(refusal);
    expect(api.sandbox.counters.order(orderId)).toMatchObject({ stages: 1, cancels: 0 });
  });

  it('refuses a delivered order', async () => {
    const demo = api.sandbox.demoOrders();
    let delivered: { orderId: string; userId: string } | undefined;
    for (const order of demo) {
      const got = await api.call('GET', `/v2/fulfillment/lastmile/orders/${order.orderId}`);
      if ((got.body as { status: string }).status === 'delivered') {
        delivered = order;
        break;
      }
    }
    expect(delivered).toBeDefined();
    const answer = await cancel(delivered!.userId, delivered!.orderId, { cancellation_reason: 'customer_driven' });
    expect(answer.body).toEqual(single('Order can no longer be canceled: it is delivered.', 1001, { key: 'order_id' }));
  });

  it('answers 404/4000 for an unknown order or another user, 400 User Not Found for an unknown user', async () => {
    const orderId = await createOrder(api, user, '1001');
    const other = api.sandbox.info.user_ids[2] as string;
    for (const answer of [
      await cancel(user, 'no-such-order', { cancellation_reason: 'other' }),
      await cancel(other, orderId, { cancellation_reason: 'other' }),
      await cancelDispatch('no-such-order', { cancellation_reason: 'other' }),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(single('Resource not found', 4000));
    }
    const unknownUser = await cancel('nobody-at-all', orderId, { cancellation_reason: 'other' });
    expect(unknownUser.body).toEqual(single('User Not Found', 1001, { key: 'user_id' }));
  });

  it('refuses a missing or unknown reason, and a non-dispatch order on the last mile path', async () => {
    const orderId = await createOrder(api, user, '1001');
    for (const body of [{}, { cancellation_reason: 'changed_my_mind' }, { cancellation_reason: 3 }]) {
      const answer = await cancel(user, orderId, body);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(
        single('Required parameter missing or invalid', 1001, { key: 'cancellation_reason' }),
      );
    }
    const wrongPath = await cancelDispatch(orderId, { cancellation_reason: 'other' });
    expect(wrongPath.status).toBe(400);
    expect(wrongPath.body).toMatchObject({ meta: { key: 'order_id' } });
    expect(api.sandbox.counters.order(orderId).cancels).toBe(0);
  });
});
