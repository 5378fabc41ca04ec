import { describe, expect, it } from 'vitest';
import { ENDPOINTS, describeCall, endpointUrl } from '../../../electron/core/connect/endpoints';
import { TokenCache } from '../../../electron/core/connect/token-cache';

describe('the token cache', () => {
  function setup(expiresIn = 86_400) {
    let now = 1_000_000;
    let issued = 0;
    let release: () => void = () => {};
    const gate = { wait: false };
    const cache = new TokenCache(
      async () => {
        issued++;
        if (gate.wait) await new Promise<void>((resolve) => (release = resolve));
        return { accessToken: `t${issued}`, expiresIn };
      },
      { now: () => now },
    );
    return {
      cache,
      gate,
      release: () => release(),
      issued: () => issued,
      advance: (ms: number) => (now += ms),
    };
  }

  it('reuses a token until shortly before it expires, then gets a new one', async () => {
    const t = setup();
    expect(await t.cache.get()).toBe('t1');
    t.advance(23 * 3600_000);
    expect(await t.cache.get()).toBe('t1');
    t.advance(56 * 60_000); // 4 minutes before the end: inside the renewal margin
    expect(await t.cache.get()).toBe('t2');
    expect(t.issued()).toBe(2);
  });

  it('renews a short-lived token a tenth of its life early', async () => {
    const t = setup(100);
    await t.cache.get();
    t.advance(89_000);
    expect(await t.cache.get()).toBe('t1');
    t.advance(2_000);
    expect(await t.cache.get()).toBe('t2');
  });

  it('shares one exchange between concurrent callers', async () => {
    const t = setup();
    t.gate.wait = true;
    const both = Promise.all([t.cache.get(), t.cache.get(), t.cache.get()]);
    await Promise.resolve();
    t.release();
    expect(await both).toEqual(['t1', 't1', 't1']);
    expect(t.issued()).toBe(1);
  });

  it('drops a token the API refused, but not a newer one', async () => {
    const t = setup();
    await t.cache.get();
    t.cache.invalidate('t1');
    expect(await t.cache.get()).toBe('t2');
    t.cache.invalidate('t1');
    expect(await t.cache.get()).toBe('t2');
  });
});

describe('the endpoint table', () => {
  it('builds every path under the base URL, encoding parameters', () => {
    expect(
      endpointUrl('https://connect.instacart.com', ENDPOINTS.getOrder, { order_id: 'a/b c' }, { user_id: 'u 1' }),
    ).toBe('https://connect.instacart.com/v2/fulfillment/lastmile/orders/a%2Fb%20c?user_id=u%201');
    expect(endpointUrl('https://proxy.example/connect/', ENDPOINTS.createOrder, { user_id: 'u1' })).toBe(
      'https://proxy.example/connect/v2/fulfillment/users/u1/orders/last_mile',
    );
    expect(endpointUrl('https://x.example', ENDPOINTS.getOrder, { order_id: '9' }, { user_id: undefined })).toBe(
      'https://x.example/v2/fulfillment/lastmile/orders/9',
    );
    expect(() => endpointUrl('https://x.example', ENDPOINTS.stageOrder, {})).toThrow(/order_id/);
  });

  it('refuses a broken character clearly rather than asking about another order', () => {
    for (const [params, query] of [
      [{ order_id: 'A\ud800' }, {}],
      [{ order_id: 'A1' }, { user_id: '\udc00u' }],
    ] as const) {
      expect(() => endpointUrl('https://x.example', ENDPOINTS.getOrder, params, query)).toThrow(
        expect.objectContaining({ appError: expect.objectContaining({ code: 'invalid_input' }) }),
      );
    }
  });

  it('names each call in words for messages', () => {
    expect(describeCall(ENDPOINTS.getOrder, { order_id: 'A7' })).toBe('Getting order A7');
    expect(describeCall(ENDPOINTS.createOrder, {})).toBe('Creating order');
    expect(describeCall(ENDPOINTS.holdServiceOption, { service_option_id: 12 })).toBe('Reserving time slot 12');
  });

  it('keeps every documented path', () => {
    const paths = Object.values(ENDPOINTS).map((e) => `${e.method} ${e.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /v2/oauth/token',
        'POST /v2/fulfillment/users/{user_id}/orders/last_mile',
        'GET /v2/fulfillment/lastmile/orders/{order_id}',
        'PUT /v2/fulfillment/lastmile/orders/{order_id}',
        'POST /v2/fulfillment/lastmile/orders/{order_id}/staged',
        'POST /v2/fulfillment/users/{user_id}/service_options/last_mile',
        'POST /v2/fulfillment/users/{user_id}/service_options/{service_option_id}/hold',
      ]),
    );
  });
});
