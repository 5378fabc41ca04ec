import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from './support';
import { createOrder, single, startTestApi } from './support';

/** Every error row of update-order.txt, and its rules: window inside an option, tip cap, no update once assigned. */
describe('update-order.txt', () => {
  let api: TestApi;
  let user: string;
  const update = (orderId: string, body: unknown, query = '') =>
    api.call('PUT', `/v2/fulfillment/lastmile/orders/${orderId}${query}`, body);

  beforeAll(async () => {
    api = await startTestApi();
    user = api.sandbox.info.user_ids[0] as string;
  });
  afterAll(() => api.close());

  it('changes the tip and the details, answering the order; the counters count one update', async () => {
    const orderId = await createOrder(api, user, '1001');
    const answer = await update(orderId, { initial_tip_cents: 500, bags_count: 4, special_instructions: '' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: orderId, status: 'brand_new', fulfillment_details: { bag_count: 4 } });
    expect(api.sandbox.counters.order(orderId)).toEqual({ creates: 1, stages: 0, updates: 1, cancels: 0 });
  });

  it('changes the window to one inside a listed option (service_option_id, start_at and end_at)', async () => {
    const orderId = await createOrder(api, user, '1001');
    const { optionId, start } = await api.hold(user, '1001');
    const at = (minutes: number) => new Date(Date.parse(start) + minutes * 60_000).toISOString();
    const answer = await update(orderId, { service_option_id: optionId, start_at: at(-30), end_at: at(60) });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      fulfillment_details: {
        window_starts_at: at(-30).replace('.000Z', 'Z'),
        window_ends_at: at(60).replace('.000Z', 'Z'),
      },
    });
  });

  it('400 User Not Found', async () => {
    const orderId = await createOrder(api, user, '1001');
    const answer = await update(orderId, { initial_tip_cents: 100 }, '?user_id=nobody-at-all');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(single('User Not Found', 1001, { key: 'user_id' }));
  });

  it('400 Invalid service option id: unknown, of another store, or missing from a window change', async () => {
    const orderId = await createOrder(api, user, '1001');
    const { optionId: otherStore, start, end } = await api.hold(user, '1002');
    const invalid = single('Invalid service option id.', 1001, { key: 'order.service_option_id' });
    for (const body of [
      { service_option_id: 123, start_at: start, end_at: end },
      { service_option_id: otherStore, start_at: start, end_at: end },
      { start_at: start, end_at: end },
    ]) {
      const answer = await update(orderId, body);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(invalid);
    }
  });

  it('400 Invalid start / end at: outside the option, or start or end missing', async () => {
    const orderId = await createOrder(api, user, '1001');
    const { optionId, start, end } = await api.hold(user, '1001');
    const invalid = single('Invalid start / end at.', 1001, { key: 'order.start_at' });
    const late = new Date(Date.parse(end) + 3 * 3_600_000).toISOString();
    for (const body of [
      { service_option_id: optionId, start_at: start, end_at: late },
      { service_option_id: optionId, start_at: start },
    ]) {
      const answer = await update(orderId, body);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(invalid);
    }
  });

  it('400 fails the alcohol compliance check', async () => {
    const orderId = await createOrder(api, user, '1004');
    const answer = await update(orderId, { alcoholic: true });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(
      single('Alcoholic items can not be added to this order. Please remove and retry.', 2001),
    );
  });

  it('400 order updated recently: {"wait":1200,"retry":true}, and the wait counts down', async () => {
    const orderId = await createOrder(api, user, '1001');
    expect((await update(orderId, { initial_tip_cents: 300 })).status).toBe(200);
    const again = await update(orderId, { initial_tip_cents: 400 });
    expect(again.status).toBe(400);
    expect(again.body).toEqual(
      single('Order has been recently updated, please try again in a little while.', 2003, { wait: 1200, retry: true }),
    );
    api.sandbox.clock.advance(1_000_000);
    try {
      expect((await update(orderId, { initial_tip_cents: 400 })).body).toMatchObject({ meta: { wait: 200 } });
      api.sandbox.clock.advance(200_000);
      expect((await update(orderId, { initial_tip_cents: 400 })).status).toBe(200);
      expect(api.sandbox.counters.order(orderId).updates).toBe(2);
    } finally {
      api.sandbox.clock.advance(-1_200_000);
    }
  });

  it('400 request could not be processed at this time (transient 2003)', async () => {
    const orderId = await createOrder(api, user, '1001');
    api.sandbox.setFaults({ wait2003: 1 });
    try {
      const answer = await update(orderId, { initial_tip_cents: 100 });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(
        single('The request could not be completed at this time, try again later.', 2003, { wait: '30' }),
      );
    } finally {
      api.sandbox.setFaults({ wait2003: 0 });
    }
    expect(api.sandbox.counters.order(orderId).updates).toBe(0);
  });

  it('403 User Not Active', async () => {
    const inactive = api.sandbox.info.inactive_user_ids[0];
    const theirs = api.sandbox.demoOrders().find((o) => o.userId === inactive);
    const answer = await update(theirs?.orderId as string, { initial_tip_cents: 100 });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual(single('User Not Active', null));
  });

  it('404 Resource not found', async () => {
    const answer = await update('no-such-order', { initial_tip_cents: 100 });
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(single('Resource not found', 4000));
  });

  it('refuses a tip above $500.00 and an update with nothing to change', async () => {
    const orderId = await createOrder(api, user, '1001');
    expect((await update(orderId, { initial_tip_cents: 50_001 })).body).toEqual(
      single('Tip value is above maximum: $500.00.', 1002, { key: 'initial_tip_cents' }),
    );
    expect((await update(orderId, { unknown_field: 1 })).body).toEqual(
      single('Required parameter missing or invalid', 1001, { key: 'order' }),
    );
  });

  it('answers several problems together in the 9999 shape', async () => {
    const orderId = await createOrder(api, user, '1001');
    const answer = await update(orderId, { initial_tip_cents: 50_001, items_count: -1 });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: { message: 'There were issues with your request', code: 9999 },
      errors: [
        single('Tip value is above maximum: $500.00.', 1002, { key: 'initial_tip_cents' }),
        single('Required parameter missing or invalid', 1001, { key: 'items_count' }),
      ],
    });
  });

  it('refuses an update once the order is assigned (staged here), without counting it', async () => {
    const orderId = await createOrder(api, user, '1002');
    expect((await api.call('POST', `/v2/fulfillment/lastmile/orders/${orderId}/staged`, {})).status).toBe(200);
    const answer = await update(orderId, { initial_tip_cents: 100 });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(single('Order can no longer be updated: it is staged.', 1001, { key: 'order_id' }));
    expect(api.sandbox.counters.order(orderId).updates).toBe(0);
  });
});
