import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import { getToken, send, TEST_NOW } from './support';

describe('sandbox authentication', () => {
  let sandbox: Sandbox;
  const order = () => sandbox.info.sample_order_ids[0] as string;

  beforeAll(async () => {
    sandbox = await startSandbox({
      orders: 50,
      clock: createSandboxClock({ start: TEST_NOW, frozen: true }),
      tokenTtlSeconds: 3600,
    });
  });
  afterAll(() => sandbox.close());

  const tokenRequest = (fields: Record<string, string>) =>
    send(sandbox.url, 'POST', '/v2/oauth/token', {
      client_id: sandbox.credentials.clientId,
      client_secret: sandbox.credentials.clientSecret,
      grant_type: 'client_credentials',
      scope: 'connect:fulfillment',
      ...fields,
    });

  it('issues a bearer token for the demo credentials, as the README describes', async () => {
    const answer = await tokenRequest({});
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      access_token: expect.stringMatching(/^[\w-]{20,}$/),
      token_type: 'Bearer',
      expires_in: 3600,
      created_at: Math.floor(TEST_NOW / 1000),
    });
  });

  it('also takes a form body with HTTP Basic client credentials', async () => {
    const basic = Buffer.from(`${sandbox.credentials.clientId}:${sandbox.credentials.clientSecret}`).toString('base64');
    const response = await fetch(`${sandbox.url}/v2/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
  });

  it('answers 401 invalid_client for a wrong secret or an unknown client', async () => {
    const wrong: Record<string, string>[] = [
      { client_secret: 'wrong' },
      { client_id: 'someone-else' },
      { client_secret: '' },
    ];
    for (const fields of wrong) {
      const answer = await tokenRequest(fields);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'invalid_client', error_description: expect.stringContaining('failed') });
    }
  });

  it('answers 400 for a wrong grant type, scope or body', async () => {
    expect((await tokenRequest({ grant_type: 'password' })).body).toMatchObject({ error: 'unsupported_grant_type' });
    expect((await tokenRequest({ scope: 'admin' })).body).toMatchObject({ error: 'invalid_scope' });
    const broken = await send(sandbox.url, 'POST', '/v2/oauth/token', '{"client_id": ');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: 'invalid_request' });
  });

  it('answers 401 on an API route without a token, with an unknown one, and once it expires', async () => {
    const path = `/v2/fulfillment/lastmile/orders/${order()}`;
    const unauthorized = {
      error: {
        message: 'The access token is missing, invalid or expired: request a new one from POST /v2/oauth/token.',
        code: null,
      },
    };
    const none = await send(sandbox.url, 'GET', path);
    expect(none.status).toBe(401);
    expect(none.body).toEqual(unauthorized);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await send(sandbox.url, 'GET', path, undefined, { authorization: 'Bearer nope' })).status).toBe(401);

    const token = await getToken(sandbox);
    const withToken = () => send(sandbox.url, 'GET', path, undefined, { authorization: `Bearer ${token}` });
    expect((await withToken()).status).toBe(200);
    sandbox.clock.advance(3599_000);
    expect((await withToken()).status).toBe(200);
    sandbox.clock.advance(1000);
    const expired = await withToken();
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(unauthorized);
  });

  it('answers JSON 404 for an unknown route and 405 for a wrong method, token or not', async () => {
    const unknown = await send(sandbox.url, 'GET', '/v2/nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { message: 'No endpoint serves GET /v2/nothing/here.', code: null } });
    const wrong = await send(sandbox.url, 'DELETE', `/v2/fulfillment/lastmile/orders/${order()}`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, PUT');
  });

  it('answers 400 with a clear message for a body that is not JSON', async () => {
    const token = await getToken(sandbox);
    const answer = await send(sandbox.url, 'POST', '/v2/fulfillment/users/u1/orders/last_mile', '{"order_id": ', {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: {
        message: expect.stringMatching(/^The request body is not valid JSON \(.+\)\. Send a JSON object\.$/),
        code: 1001,
      },
      meta: { key: 'body' },
    });
    const array = await send(sandbox.url, 'POST', '/v2/fulfillment/users/u1/orders/last_mile', '[]', {
      authorization: `Bearer ${token}`,
    });
    expect(array.body).toEqual({
      error: { message: 'The request body must be a JSON object.', code: 1001 },
      meta: { key: 'body' },
    });
  });
});
