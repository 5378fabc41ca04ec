import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from './support';
import { startTestApi, TEST_NOW, validCreate } from './support';

/** Every error row of create-order.txt: status, message, code and meta exactly as the page gives them. */
describe('create-order.txt error rows', () => {
  let api: TestApi;
  let user: string;
  const create = (body: unknown, userId = user) =>
    api.call('POST', `/v2/fulfillment/users/${userId}/orders/last_mile`, body);
  const single = (message: string, code: number | null, meta?: Record<string, unknown>) =>
    meta ? { error: { message, code }, meta } : { error: { message, code } };

  beforeAll(async () => {
    api = await startTestApi();
    user = api.sandbox.info.user_ids[0] as string;
  });
  afterAll(() => api.close());

  async function expectRow(body: Record<string, unknown>, status: number, expected: unknown, userId = user) {
    const answer = await create(body, userId);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual(expected);
  }

  it('accepts a valid order (the baseline every row changes one thing of)', async () => {
    const { holdId } = await api.hold(user, '1001');
    const body = validCreate(holdId);
    const answer = await create(body);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: body.order_id,
      status: 'created',
      fulfillment_details: { store_location: '1001' },
    });
    expect(api.sandbox.counters.order(body.order_id as string)).toEqual({
      creates: 1,
      stages: 0,
      updates: 0,
      cancels: 0,
    });
  });

  it('400 invalid postal code', async () => {
    const { holdId } = await api.hold(user, '1001');
    await expectRow(
      validCreate(holdId, { address: { address_line_1: '50 Beale St', postal_code: 'ABCDE' } }),
      400,
      single('not found', 1001, { key: 'postal_code' }),
    );
  });

  it('400 unsupported postal code', async () => {
    const { holdId } = await api.hold(user, '1001');
    await expectRow(
      validCreate(holdId, { address: { address_line_1: '5 Broadway', postal_code: '10001' } }),
      400,
      single('not supported', 1001, { key: 'postal_code' }),
    );
  });

  it('400 handoff time requested but not configured', async () => {
    const { holdId } = await api.hold(user, '2002');
    await expectRow(
      validCreate(holdId, { location_code: '2002', with_handoff_time: true }),
      400,
      single('Handoff time calculation is not configured for this retailer.', 1001, { key: 'with_handoff_time' }),
    );
  });

  it('400 expired ETA option hold', async () => {
    const { holdId } = await api.hold(user, '1001');
    api.sandbox.clock.advance(601_000);
    try {
      await expectRow(
        validCreate(holdId),
        400,
        single('ETA option hold has expired.', 1001, { key: 'service_option_hold_id' }),
      );
    } finally {
      api.sandbox.clock.set(TEST_NOW);
    }
  });

  it('400 service option is no longer available: its slot started while the hold was still valid', async () => {
    const { start } = await api.hold(user, '1001');
    api.sandbox.clock.set(Date.parse(start) - 5 * 60_000);
    try {
      const held = await api.hold(user, '1001');
      expect(held.start).toBe(start);
      api.sandbox.clock.advance(6 * 60_000);
      await expectRow(
        validCreate(held.holdId),
        400,
        single('The delivery time you selected is no longer available - please select another time', 1001, {
          key: 'service_option_id',
        }),
      );
    } finally {
      api.sandbox.clock.set(TEST_NOW);
    }
  });

  it('400 user without phone number', async () => {
    const { holdId } = await api.hold(user, '1001');
    await expectRow(
      validCreate(holdId, { user_phone: '' }),
      400,
      single("can't be blank", 1001, { key: 'user.phone_number' }),
    );
    const { user_phone: _, ...withoutPhone } = validCreate(holdId);
    await expectRow(withoutPhone, 400, single("can't be blank", 1001, { key: 'user.phone_number' }));
  });

  it('400 invalid order params: several errors answer the 9999 shape', async () => {
    const { holdId } = await api.hold(user, '1001');
    const answer = await create(validCreate(holdId, { first_name: '', user_phone: '', initial_tip_cents: 50_001 }));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: { message: 'There were issues with your request', code: 9999 },
      errors: [
        single("can't be blank", 1001, { key: 'user.phone_number' }),
        single('First name is invalid', 1001, { key: 'first_name' }),
        single('Tip value is above maximum: $500.00.', 1002, { key: 'initial_tip_cents' }),
      ],
    });
  });

  it('400 fails the alcohol compliance check', async () => {
    const { holdId } = await api.hold(user, '1004');
    await expectRow(
      validCreate(holdId, { location_code: '1004', alcoholic: true }),
      400,
      single('Alcoholic items can not be added to this order. Please remove and retry.', 2001),
    );
  });

  it('400 order id already exists, for a demo order and for a second create', async () => {
    const { holdId } = await api.hold(user, '1001');
    await expectRow(
      validCreate(holdId, { order_id: api.sandbox.info.sample_order_ids[0] }),
      400,
      single('Order already in use.', 1003),
    );
    const body = validCreate(holdId);
    expect((await create(body)).status).toBe(200);
    const { holdId: second } = await api.hold(user, '1001');
    await expectRow({ ...body, service_option_hold_id: second }, 400, single('Order already in use.', 1003));
    expect(api.sandbox.counters.order(body.order_id as string).creates).toBe(1);
  });

  it('400 invalid start at / end at', async () => {
    const { holdId, start } = await api.hold(user, '1001');
    const at = (hours: number) => new Date(Date.parse(start) + hours * 3_600_000).toISOString();
    const invalid = single('Invalid start / end at.', 1001, { key: 'order.start_at' });
    await expectRow(validCreate(holdId, { start_at: at(-3), end_at: at(1) }), 400, invalid);
    await expectRow(validCreate(holdId, { start_at: 'tomorrow', end_at: at(1) }), 400, invalid);
  });

  it('400 invalid first name', async () => {
    const { holdId } = await api.hold(user, '1001');
    await expectRow(
      validCreate(holdId, { first_name: '1234' }),
      400,
      single('First name is invalid', 1001, { key: 'first_name' }),
    );
  });

  it('400 request could not be processed at this time (transient 2003)', async () => {
    const { holdId } = await api.hold(user, '1001');
    api.sandbox.setFaults({ wait2003: 1 });
    try {
      await expectRow(
        validCreate(holdId),
        400,
        single('The request could not be completed at this time, try again later.', 2003, { wait: '30' }),
      );
    } finally {
      api.sandbox.setFaults({ wait2003: 0 });
    }
  });

  it('400 missing or invalid address', async () => {
    const { holdId } = await api.hold(user, '1001');
    const missing = single('Required parameter missing or invalid', 1001, { key: 'address' });
    const { address: _, ...withoutAddress } = validCreate(holdId);
    await expectRow(withoutAddress, 400, missing);
    await expectRow(validCreate(holdId, { address: { postal_code: '94105' } }), 400, missing);
  });

  it('400 invalid address', async () => {
    const { holdId } = await api.hold(user, '1001');
    await expectRow(
      validCreate(holdId, { address: { address_line_1: 'Beale Street', postal_code: '94105' } }),
      400,
      single('invalid_address', 1001, { key: 'address' }),
    );
  });

  it('400 location not available for delivery', async () => {
    const { holdId } = await api.hold(user, '1001');
    const unavailable = single('Specified store is not available for delivery.', 1001, { key: 'location_code' });
    await expectRow(validCreate(holdId, { location_code: '9001' }), 400, unavailable);
    await expectRow(validCreate(holdId, { location_code: 'NOPE' }), 400, unavailable);
  });

  it('400 address contains PO box', async () => {
    const { holdId } = await api.hold(user, '1001');
    await expectRow(
      validCreate(holdId, { address: { address_line_1: 'P.O. Box 123', postal_code: '94105' } }),
      400,
      single('address contains PO Box', 1001, { key: 'address' }),
    );
  });

  it('400 invalid service option hold', async () => {
    await expectRow(validCreate(999_999), 400, single('Hold not found', 1001, { key: 'service_option_hold_id' }));
  });

  it('400 tip over maximum ($500.00 is the most)', async () => {
    const { holdId } = await api.hold(user, '1001');
    await expectRow(
      validCreate(holdId, { initial_tip_cents: 50_001 }),
      400,
      single('Tip value is above maximum: $500.00.', 1002, { key: 'initial_tip_cents' }),
    );
    expect((await create(validCreate(holdId, { initial_tip_cents: 50_000 }))).status).toBe(200);
  });

  it('403 inactive user', async () => {
    const inactive = api.sandbox.info.inactive_user_ids[0] as string;
    await expectRow(validCreate(1), 403, single('User Not Active', null), inactive);
  });

  it('404 order not found: the path names no user', async () => {
    await expectRow(validCreate(1), 404, single('Resource not found', 4000), '%20');
  });

  it('423 the target resource is locked: the same order id while an asynchronous create runs', async () => {
    const first = await api.hold(user, '2001');
    const body = validCreate(first.holdId, { location_code: '2001' });
    expect((await create(body)).status).toBe(200);
    const second = await api.hold(user, '2001');
    await expectRow(
      { ...body, service_option_hold_id: second.holdId },
      423,
      single('The target resource is locked.', null, { key: 'order_id' }),
    );
  });
});
