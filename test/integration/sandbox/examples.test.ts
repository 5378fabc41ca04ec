import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxClock } from '../../../electron/core/sandbox';
import type { TestApi } from './support';
import { createOrder, single, startTestApi } from './support';

/** The request bodies of the pages' curl examples, as printed; each test substitutes only what must be real. */
const CREATE_EXAMPLE = {
  order_id: 'string',
  location_code: 'string',
  locale: 'string',
  start_at: 'string',
  end_at: 'string',
  service_option_hold_id: 1,
  first_name: 'string',
  last_name: 'string',
  user_phone: 'string',
  initial_tip_cents: 1,
  items_count: 1,
  bags_count: 1,
  items_weight: 1,
  cart_total: 1,
  bag_label: 'string',
  alcoholic: true,
  leave_unattended: true,
  special_instructions: 'string',
  customer_sms_opt_out: true,
  with_handoff_time: true,
  applied_express: true,
  applied_instacartplus: true,
  address: { address_line_1: 'string', address_line_2: 'string', address_type: 'string', postal_code: 'string' },
};

const ASYNC_EXAMPLE = {
  order_id: 'xyz123456',
  service_option_hold_id: '<service_option_hold_id>',
  location_code: '<location_code>',
  locale: 'en-US',
  first_name: 'Kamal',
  last_name: 'Singh',
  user_phone: '800-555-0101',
  initial_tip_cents: 200,
  items_count: 12,
  bags_count: 3,
  items_weight: 15,
  cart_total: 5400,
  alcoholic: false,
  leave_unattended: true,
  special_instructions: 'Ring the doorbell.',
  address: { address_line_1: '50 Beale St', postal_code: '94105' },
};

const UPDATE_EXAMPLE = {
  start_at: 'string',
  end_at: 'string',
  service_option_id: 1,
  initial_tip_cents: 1,
  items_count: 1,
  bags_count: 1,
  items_weight: 1,
  cart_total: 1,
  alcoholic: true,
  special_instructions: 'string',
};

const STAGE_EXAMPLE = { items_count: 1, bags_count: 1, items_weight: 1, bag_label: 'string' };

describe('the curl examples of the pages, with valid ids substituted', () => {
  let api: TestApi;
  let user: string;
  beforeAll(async () => {
    api = await startTestApi();
    user = api.sandbox.info.user_ids[0] as string;
  });
  afterAll(() => api.close());

  it('create-order.txt: every field of the example, answered with the documented response fields', async () => {
    const { holdId, start, end } = await api.hold(user, '1001');
    const body = {
      ...CREATE_EXAMPLE,
      location_code: '1001',
      locale: 'en-US',
      start_at: start,
      end_at: end,
      service_option_hold_id: holdId,
      user_phone: '+18005550101',
      address: { ...CREATE_EXAMPLE.address, address_line_1: '50 Beale St', postal_code: '94105' },
    };
    const answer = await api.call('POST', `/v2/fulfillment/users/${user}/orders/last_mile`, body);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      id: 'string',
      status: 'created',
      order_url: expect.any(String),
      created_at: expect.any(String),
      locale: 'en_US',
      is_express: true,
      is_instacartplus: true,
      fulfillment_details: {
        store_location: '1001',
        window_starts_at: start.replace('.000Z', 'Z'),
        window_ends_at: end.replace('.000Z', 'Z'),
        bag_count: 1,
        handoff_window_starts_at: expect.any(String),
        handoff_window_ends_at: expect.any(String),
      },
      handoff_time: expect.any(String),
      is_fallback_window: false,
    });
  });

  it('get-order.txt: ?user_id= of the order', async () => {
    const [order] = api.sandbox.demoOrders();
    const answer = await api.call('GET', `/v2/fulfillment/lastmile/orders/${order?.orderId}?user_id=${order?.userId}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: order?.orderId });
  });

  it('update-order.txt: every field of the example, the window inside a listed option', async () => {
    const orderId = await createOrder(api, user, '1001');
    const { optionId, start, end } = await api.hold(user, '1001');
    const body = { ...UPDATE_EXAMPLE, service_option_id: optionId, start_at: start, end_at: end };
    const answer = await api.call('PUT', `/v2/fulfillment/lastmile/orders/${orderId}`, body);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: orderId, fulfillment_details: { bag_count: 1 } });
  });

  it('stage-order.txt: the example body on a dispatch order', async () => {
    const orderId = api.sandbox.info.dispatch_order_ids[0];
    const answer = await api.call('POST', `/v2/fulfillment/lastmile/orders/${orderId}/staged`, STAGE_EXAMPLE);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: orderId, status: 'staged' });
  });
});

describe('async-create-order.txt, on a retailer with asynchronous create', () => {
  const beforeE164 = Date.parse('2026-06-01T16:00:00Z');
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      clock: createSandboxClock({ start: beforeE164, frozen: true }),
      asyncDelaySeconds: 5,
      tokenTtlSeconds: 30 * 86_400,
    });
  });
  afterAll(() => api.close());

  const exampleFor = (holdId: number, orderId = 'xyz123456') => ({
    ...ASYNC_EXAMPLE,
    order_id: orderId,
    service_option_hold_id: String(holdId),
    location_code: '2001',
  });

  it('answers the short response, then the full order through get once created', async () => {
    const { holdId, start, end } = await api.hold('kamalsingh1234', '2001');
    const answer = await api.call('POST', '/v2/fulfillment/users/kamalsingh1234/orders/last_mile', exampleFor(holdId));
    expect(answer.status).toBe(200);
    const window = { window_starts_at: start.replace('.000Z', 'Z'), window_ends_at: end.replace('.000Z', 'Z') };
    const short = { id: 'xyz123456', status: 'created', fulfillment_details: { store_location: '2001', ...window } };
    expect(answer.body).toEqual(short);
    const get = () => api.call('GET', '/v2/fulfillment/lastmile/orders/xyz123456?user_id=kamalsingh1234');
    expect((await get()).body).toEqual(short);
    expect((await api.call('POST', '/v2/fulfillment/lastmile/orders/xyz123456/staged', {})).body).toEqual(
      single('The request could not be completed at this time, try again later.', 2003, { wait: '30' }),
    );
    api.sandbox.clock.advance(5000);
    expect((await get()).body).toMatchObject({
      id: 'xyz123456',
      status: 'brand_new',
      order_url: expect.any(String),
      created_at: expect.any(String),
      locale: 'en_US',
      is_express: false,
      is_instacartplus: false,
      fulfillment_details: { store_location: '2001', ...window },
      is_fallback_window: false,
    });
    expect((await api.call('POST', '/v2/fulfillment/lastmile/orders/xyz123456/staged', {})).status).toBe(200);
  });

  it('answers the client error example of the page before accepting anything', async () => {
    const { holdId } = await api.hold('kamalsingh1234', '2001');
    const { address: _, ...withoutAddress } = exampleFor(holdId, 'no-address');
    const answer = await api.call('POST', '/v2/fulfillment/users/kamalsingh1234/orders/last_mile', withoutAddress);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: { message: 'Required parameter missing or invalid', code: 1001 },
      meta: { key: 'address' },
    });
    expect(api.sandbox.counters.order('no-address').creates).toBe(0);
  });

  it('cancels later an order whose creation fails after the response', async () => {
    const { holdId } = await api.hold('kamalsingh1234', '2001');
    const body = { ...exampleFor(holdId, 'fails-later'), special_instructions: 'SANDBOX_FAIL_LATER' };
    expect((await api.call('POST', '/v2/fulfillment/users/kamalsingh1234/orders/last_mile', body)).status).toBe(200);
    api.sandbox.clock.advance(5000);
    const got = await api.call('GET', '/v2/fulfillment/lastmile/orders/fails-later');
    expect(got.body).toMatchObject({ status: 'canceled', cancellation_reason: 'unable_to_fulfill' });
  });

  it('refuses the example phone once E.164 is required (from 2026-06-09)', async () => {
    const { holdId } = await api.hold('kamalsingh1234', '2001');
    api.sandbox.clock.set(Date.parse('2026-06-09T00:00:00Z'));
    const answer = await api.call(
      'POST',
      '/v2/fulfillment/users/kamalsingh1234/orders/last_mile',
      exampleFor(holdId, 'after-e164'),
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(
      single('must be in E.164 format, for example +18005550101', 1001, { key: 'user.phone_number' }),
    );
  });
});

describe('the window-rule examples of create-order.txt, over HTTP', () => {
  let api: TestApi;
  let user: string;
  beforeAll(async () => {
    api = await startTestApi();
    user = api.sandbox.info.user_ids[0] as string;
  });
  afterAll(() => api.close());

  /** The page's times for a 14:00-16:00 option, moved onto the held slot. */
  const onSlot = (slotStart: string, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return new Date(Date.parse(slotStart) + ((h - 14) * 60 + m) * 60_000).toISOString();
  };

  it.each([
    ['13:30', '14:30'],
    ['14:00', '15:00'],
    ['14:30', '15:30'],
    ['15:00', '16:00'],
    ['15:30', '16:30'],
  ])('accepts %s-%s', async (from, to) => {
    const { holdId, start } = await api.hold(user, '1001');
    const body = { ...baseCreate(holdId), start_at: onSlot(start, from), end_at: onSlot(start, to) };
    expect((await api.call('POST', `/v2/fulfillment/users/${user}/orders/last_mile`, body)).status).toBe(200);
  });

  it.each([
    ['12:00', '13:59'],
    ['13:00', '17:00'],
    ['11:00', '15:00'],
    ['15:00', '19:00'],
  ])('refuses %s-%s with "Invalid start / end at."', async (from, to) => {
    const { holdId, start } = await api.hold(user, '1001');
    const body = { ...baseCreate(holdId), start_at: onSlot(start, from), end_at: onSlot(start, to) };
    const answer = await api.call('POST', `/v2/fulfillment/users/${user}/orders/last_mile`, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(single('Invalid start / end at.', 1001, { key: 'order.start_at' }));
  });

  function baseCreate(holdId: number) {
    return {
      location_code: '1001',
      service_option_hold_id: holdId,
      first_name: 'Grace',
      last_name: 'Osei',
      user_phone: '+14155550123',
      items_count: 3,
      items_weight: 4.5,
      address: { address_line_1: '1200 Valencia St', postal_code: '94110' },
    };
  }
});
