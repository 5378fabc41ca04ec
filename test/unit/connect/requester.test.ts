import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectClient } from '../../../electron/core/connect/connect-client';
import type { ConnectError } from '../../../electron/core/connect/connect-error';
import type { CallOutcome, RequesterOptions } from '../../../electron/core/connect/requester';
import { CoreError } from '../../../electron/core/core-error';
import type { Reply, ScriptedServer } from '../../support/scripted-server';
import { startScriptedServer } from '../../support/scripted-server';

const ORDER = { id: 'A1', status: 'brand_new', fulfillment_details: { window_starts_at: 'x', window_ends_at: 'y' } };
const ok: Reply = { status: 200, json: ORDER };
const SECRET = 'top-secret-value-123';

let server: ScriptedServer;
let sleeps: number[];
let outcomes: CallOutcome[];

function client(overrides: Partial<RequesterOptions> = {}): ConnectClient {
  return new ConnectClient({
    baseUrl: server.url,
    credentials: async () => ({ clientId: 'id-1', clientSecret: SECRET }),
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    retry: { attempts: 4, baseMs: 100, capMs: 1000, maxWaitSeconds: 5 },
    onOutcome: (o) => outcomes.push(o),
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  try {
    await promise;
  } catch (error) {
    return error as ConnectError;
  }
  throw new Error('expected the call to fail');
}

beforeEach(async () => {
  server = await startScriptedServer();
  sleeps = [];
  outcomes = [];
});
afterEach(() => server.close());

describe('the request pipeline over HTTP', () => {
  it('sends the token exchange as documented, then the call with the bearer token', async () => {
    server.script(ok);
    expect(await client().getOrder('A1', 'u1')).toMatchObject({ id: 'A1', status: 'brand_new' });
    const [token, get] = server.seen;
    expect(token?.method).toBe('POST');
    expect(JSON.parse(token?.body ?? '')).toEqual({
      client_id: 'id-1',
      client_secret: SECRET,
      grant_type: 'client_credentials',
      scope: 'connect:fulfillment',
    });
    expect(get).toMatchObject({ method: 'GET', path: '/v2/fulfillment/lastmile/orders/A1?user_id=u1' });
    expect(get?.headers.authorization).toBe('Bearer tok-1');
    expect(outcomes.at(-1)).toMatchObject({ reachable: true, success: true });
  });

  it.each<[string, Reply]>([
    ['408', { status: 408, json: { error: { message: 'Request timeout', code: null } } }],
    ['429', { status: 429, json: { error: { message: 'Too many requests', code: null } } }],
    ['500', { status: 500, text: '' }],
    ['503 as an HTML page', { status: 503, text: '<html>down</html>', contentType: 'text/html' }],
    ['a dropped connection', { drop: true }],
    [
      '2003 with a short wait',
      { status: 400, json: { error: { message: 'try again later', code: 2003 }, meta: { wait: '2' } } },
    ],
  ])('retries %s and then succeeds', async (_name, reply) => {
    server.script(reply, reply, ok);
    expect(await client().getOrder('A1')).toMatchObject({ id: 'A1' });
    expect(server.apiRequests()).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    if (_name.startsWith('2003')) expect(sleeps[0]).toBe(2050);
    else expect(sleeps).toEqual([50, 100]);
  });

  it('never retries a validation error', async () => {
    server.script({
      status: 400,
      json: { error: { message: 'User Not Found', code: 1001 }, meta: { key: 'user_id' } },
    });
    const error = await failure(client().getOrder('A1', 'nobody'));
    expect(error.appError).toMatchObject({ code: 'api_validation', key: 'user_id', retryable: false });
    expect(server.apiRequests()).toHaveLength(1);
    expect(error.attempts).toBe(1);
  });

  it('gives up after the configured attempts, saying how many were made', async () => {
    server.fallback = () => ({ status: 500, json: { error: { message: 'boom', code: null } } });
    const error = await failure(client().getOrder('A1'));
    expect(error).toMatchObject({ kind: 'server_error', attempts: 4, budgetExhausted: false });
    expect(server.apiRequests()).toHaveLength(4);
  });

  it('makes a single attempt when the caller asks for no retries', async () => {
    server.script({ status: 503, text: '' }, ok);
    const error = await failure(client().getOrder('A1', undefined, { retry: false }));
    expect(error).toMatchObject({ kind: 'server_error', retryable: true, attempts: 1 });
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('leaves a 2003 wait longer than the limit to the user, with the wait', async () => {
    server.script({ status: 400, json: { error: { message: 'recently updated', code: 2003 }, meta: { wait: 1200 } } });
    const error = await failure(client().getOrder('A1'));
    expect(error.appError).toMatchObject({ code: 'api_busy', waitSeconds: 1200, retryable: true });
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('renews the token once on a 401 and retries, and reports a second 401', async () => {
    server.script({ status: 401, json: { error: { message: 'Unauthorized', code: null } } }, ok);
    await client().getOrder('A1');
    const gets = server.apiRequests();
    expect(gets.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);

    server.script(
      { status: 401, json: { error: { message: 'Unauthorized', code: null } } },
      { status: 401, json: { error: { message: 'Unauthorized', code: null } } },
    );
    const error = await failure(client().getOrder('A1'));
    expect(error.kind).toBe('unauthorized');
    expect(error.appError.hint).toMatch(/client id and secret/);
  });

  it('reports refused credentials with a hint, never echoing the secret', async () => {
    server.token = () => ({
      status: 401,
      json: { error: 'invalid_client', error_description: `bad secret ${SECRET}` },
    });
    const error = await failure(client().getOrder('A1'));
    expect(error.kind).toBe('unauthorized');
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error.appError)).not.toContain(SECRET);
    expect(error.appError.hint).toMatch(/client id and client secret/);
    expect(server.apiRequests()).toHaveLength(0);
  });

  it('passes on a credentials problem (no secret, keychain locked) without retrying', async () => {
    const missing = new CoreError({ code: 'missing_secret', message: 'No secret', hint: 'Set it' });
    const error = await failure(client({ credentials: async () => Promise.reject(missing) }).getOrder('A1'));
    expect(error).toBe(missing);
    expect(server.seen).toHaveLength(0);
  });

  it('times out an attempt that gets no answer and says the network is unreachable when it is', async () => {
    server.script({ hang: true });
    const timedOut = await failure(client({ timeoutMs: 150 }).getOrder('A1', undefined, { retry: false }));
    expect(timedOut).toMatchObject({ kind: 'timeout', retryable: true, ambiguous: true });
    expect(timedOut.message).toMatch(/no answer within 0\.2 s/);
    expect(outcomes.at(-1)).toMatchObject({ reachable: false, success: false });

    // A server that never had a connection: nothing is pooled, so the refusal is what fetch sees.
    const unused = await startScriptedServer();
    const closed = unused.url;
    await unused.close();
    const refused = await failure(client({ baseUrl: closed }).getOrder('A1', undefined, { retry: false }));
    expect(refused).toMatchObject({ kind: 'network', ambiguous: false });
    expect(refused.message).toMatch(/could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('retries a get whose attempt timed out, and succeeds on the next', async () => {
    server.script({ hang: true }, ok);
    expect(await client({ timeoutMs: 150 }).getOrder('A1')).toMatchObject({ id: 'A1' });
    expect(server.apiRequests()).toHaveLength(2);
    expect(sleeps).toEqual([50]);
  });

  it('stops at once when the caller aborts', async () => {
    server.script({ hang: true });
    const controller = new AbortController();
    const pending = failure(client().getOrder('A1', undefined, { signal: controller.signal }));
    while (server.apiRequests().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    const error = await pending;
    expect(error.kind).toBe('canceled');
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('turns a 200 carrying a web page or an order without an id into a bad response, without retrying', async () => {
    server.script(
      { status: 200, text: '<!doctype html><p>login</p>', contentType: 'text/html' },
      { status: 200, json: { status: 'brand_new' } },
    );
    const c = client();
    const page = await failure(c.getOrder('A1'));
    expect(page).toMatchObject({ kind: 'bad_response', retryable: false, attempts: 1 });
    expect(page.message).toMatch(/web page instead of data/);
    const missing = await failure(c.getOrder('A1'));
    expect(missing).toMatchObject({ kind: 'bad_response', retryable: false, attempts: 1 });
    expect(missing.message).toMatch(/id: /);
  });

  it('retries a 200 whose body was cut short, and says so if it stays cut', async () => {
    server.script({ status: 200, text: '' }, { status: 200, text: '{"id": "A1", "sta' }, ok);
    expect(await client().getOrder('A1')).toMatchObject({ id: 'A1' });
    expect(server.apiRequests()).toHaveLength(3);

    server.fallback = () => ({ status: 200, text: '{"id": "A1", "sta' });
    const cut = await failure(client().getOrder('A1'));
    expect(cut).toMatchObject({ kind: 'bad_response', retryable: true, ambiguous: true, attempts: 4 });
    expect(cut.message).toMatch(/not valid JSON/);
  });

  it('fails fast once the retry budget is spent during an outage', async () => {
    server.fallback = () => ({ status: 503, text: 'down', contentType: 'text/plain' });
    const c = client({ budget: { capacity: 2, refillPerSecond: 0.001 } });
    const first = await failure(c.getOrder('A1'));
    expect(first).toMatchObject({ kind: 'server_error', attempts: 3, budgetExhausted: true });
    expect(first.appError.hint).toMatch(/stopped retrying/);
    const second = await failure(c.getOrder('A2'));
    expect(second).toMatchObject({ attempts: 1, budgetExhausted: true });
    expect(server.apiRequests()).toHaveLength(4);
  });
});
