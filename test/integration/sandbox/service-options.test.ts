import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from './support';
import { single, startTestApi, TEST_NOW } from './support';

interface Option {
  id: number;
  date: string;
  window: { start_at: string; end_at: string };
  availability: { available: boolean; reasons: string[] };
}

/** The service options list and hold, modelled as the README's assumptions describe them. */
describe('service options and holds', () => {
  let api: TestApi;
  let user: string;
  const list = (body: unknown, userId = user) =>
    api.call('POST', `/v2/fulfillment/users/${userId}/service_options/last_mile`, body);
  const hold = (optionId: number | string, body: unknown, userId = user) =>
    api.call('POST', `/v2/fulfillment/users/${userId}/service_options/${optionId}/hold`, body);
  const address = { address_line_1: '1200 Valencia St', postal_code: '94110' };

  beforeAll(async () => {
    api = await startTestApi();
    user = api.sandbox.info.user_ids[0] as string;
  });
  afterAll(() => api.close());

  it('lists the coming two-hour slots of a store, started ones left out, some full', async () => {
    const answer = await list({ location_code: '1001', address });
    expect(answer.status).toBe(200);
    const options = (answer.body as { service_options: Option[] }).service_options;
    expect(options.length).toBeGreaterThan(15);
    for (const option of options) {
      expect(Number.isInteger(option.id)).toBe(true);
      expect(option.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Date.parse(option.window.start_at)).toBeGreaterThan(TEST_NOW);
      expect(Date.parse(option.window.end_at) - Date.parse(option.window.start_at)).toBe(2 * 3_600_000);
    }
    expect(options.some((o) => !o.availability.available && o.availability.reasons[0] === 'no_capacity')).toBe(true);
    expect(options.filter((o) => o.availability.available).length).toBeGreaterThan(10);
  });

  it('holds a slot for its user and store, answering the hold with its option', async () => {
    const options = ((await list({ location_code: '1001', address })).body as { service_options: Option[] })
      .service_options;
    const option = options.find((o) => o.availability.available) as Option;
    const answer = await hold(option.id, { location_code: '1001' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      service_option_hold: {
        id: expect.any(Number),
        expires_at: new Date(TEST_NOW + 600_000).toISOString().replace('.000Z', 'Z'),
        service_option: option,
      },
    });
  });

  it('refuses a full slot, an unknown one and one of another store', async () => {
    const options = ((await list({ location_code: '1001', address })).body as { service_options: Option[] })
      .service_options;
    const full = options.find((o) => !o.availability.available) as Option;
    expect((await hold(full.id, { location_code: '1001' })).body).toEqual(
      single('The delivery time you selected is no longer available - please select another time', 1001, {
        key: 'service_option_id',
      }),
    );
    const unknown = single('Invalid service option id.', 1001, { key: 'service_option_id' });
    expect((await hold(12, { location_code: '1001' })).body).toEqual(unknown);
    expect((await hold('abc', { location_code: '1001' })).body).toEqual(unknown);
    expect((await hold(options[0]?.id as number, { location_code: '1002' })).body).toEqual(unknown);
  });

  it("answers create's rows for a closed store, a bad address or postal code, and an inactive user", async () => {
    expect((await list({ location_code: '9001', address })).body).toEqual(
      single('Specified store is not available for delivery.', 1001, { key: 'location_code' }),
    );
    expect((await list({ location_code: '1001', address: { ...address, postal_code: '98101' } })).body).toEqual(
      single('not supported', 1001, { key: 'postal_code' }),
    );
    expect((await list({ location_code: '1001' })).body).toEqual(
      single('Required parameter missing or invalid', 1001, { key: 'address' }),
    );
    const inactive = api.sandbox.info.inactive_user_ids[0] as string;
    expect((await list({ location_code: '1001', address }, inactive)).status).toBe(403);
    expect((await hold(1, { location_code: '1001' }, inactive)).body).toEqual(single('User Not Active', null));
  });
});
