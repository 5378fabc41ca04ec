import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectClient } from '../../../electron/core/connect/connect-client';
import { CoreError } from '../../../electron/core/core-error';
import type { ScriptedServer } from '../../support/scripted-server';
import { startScriptedServer } from '../../support/scripted-server';

const TOKEN = '/proxy/v2/oauth/token';
let server: ScriptedServer;
const client = () =>
  new ConnectClient({
    baseUrl: `${server.url}/proxy/`,
    credentials: async () => ({ clientId: 'c', clientSecret: 's' }),
    sleep: async () => {},
    timeoutMs: 5000,
  });

beforeEach(async () => {
  server = await startScriptedServer();
  // Behind a proxy prefix, the token request is an ordinary request to the scripted server.
  server.fallback = (request) =>
    request.path === TOKEN
      ? { status: 200, json: { access_token: 't', token_type: 'Bearer', expires_in: 86400 } }
      : { status: 200, json: { id: 'x', status: 'brand_new' } };
});
afterEach(() => server.close());

const apiRequests = () => server.seen.filter((r) => r.path !== TOKEN);

/** An id, and the segment that must reach the server for it: every character stays inside its segment. */
const SEGMENTS: [string, string][] = [
  ['A 1', 'A%201'],
  ['ö-1', '%C3%B6-1'],
  ['a+b', 'a%2Bb'],
  ['a/b', 'a%2Fb'],
  ['/', '%2F'],
  ['a\\b', 'a%5Cb'],
  ['%2e', '%252e'],
  ['%2E%2E', '%252E%252E'],
  ['a?b=1', 'a%3Fb%3D1'],
  ['a#b', 'a%23b'],
  ['a\u0001b', 'a%01b'],
  ['a\nb', 'a%0Ab'],
  ['...', '...'],
];

const calls = (id: string) => [
  { call: (c: ConnectClient) => c.getOrder(id), path: (s: string) => `GET /proxy/v2/fulfillment/lastmile/orders/${s}` },
  {
    call: (c: ConnectClient) => c.updateOrder(id, { initial_tip_cents: 100 }),
    path: (s: string) => `PUT /proxy/v2/fulfillment/lastmile/orders/${s}`,
  },
  {
    call: (c: ConnectClient) => c.stageOrder(id, { items_count: 1, bags_count: 1, items_weight: 1 }),
    path: (s: string) => `POST /proxy/v2/fulfillment/lastmile/orders/${s}/staged`,
  },
  {
    call: (c: ConnectClient) =>
      c.createOrder(id, {
        order_id: 'R-1',
        location_code: '1003',
        service_option_hold_id: 1,
        first_name: 'A',
        last_name: 'B',
        user_phone: '+18005550101',
        items_count: 1,
        items_weight: 1,
        address: { address_line_1: '1 Main St', postal_code: '94105' },
      }),
    path: (s: string) => `POST /proxy/v2/fulfillment/users/${s}/orders/last_mile`,
  },
  {
    call: (c: ConnectClient) =>
      c.listServiceOptions(id, { location_code: '1003', address: { address_line_1: '1 Main St', postal_code: '1' } }),
    path: (s: string) => `POST /proxy/v2/fulfillment/users/${s}/service_options/last_mile`,
  },
  {
    call: (c: ConnectClient) => c.holdServiceOption(id, 7, { location_code: '1003' }),
    path: (s: string) => `POST /proxy/v2/fulfillment/users/${s}/service_options/7/hold`,
  },
];

describe('path segments sent to Connect', () => {
  it.each(SEGMENTS)('keep %j inside its own segment on every endpoint', async (id, segment) => {
    for (const { call, path } of calls(id)) {
      server.seen.length = 0;
      await call(client()).catch(() => undefined);
      const [first] = apiRequests();
      expect(first && `${first.method} ${first.path}`).toBe(path(segment));
    }
  });

  it.each(['.', '..'])(
    'refuse %j, which a URL resolves into another endpoint, without sending anything',
    async (id) => {
      for (const { call } of calls(id)) {
        server.seen.length = 0;
        const error = await call(client()).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(CoreError);
        expect((error as CoreError).appError).toMatchObject({ code: 'invalid_input' });
        expect((error as CoreError).message).toContain(`"${id}"`);
        expect(apiRequests()).toEqual([]);
      }
    },
  );
});
