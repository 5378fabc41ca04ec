import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectClient } from '../../../electron/core/connect/connect-client';
import type { ConnectError } from '../../../electron/core/connect/connect-error';
import type { RequesterOptions } from '../../../electron/core/connect/requester';
import type { FaultConfig, Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import type { FaultSwitch } from '../../support/sandbox-client';
import { SANDBOX_TEST_NOW, bookableRequest, faultSwitch } from '../../support/sandbox-client';

let sandbox: Sandbox;
let faults: FaultSwitch;
let sleeps: number[];
let retries: string[];
let clientClock: { now(): number; advance(ms: number): void };

beforeAll(async () => {
  sandbox = await startSandbox({
    orders: 40,
    seed: 7,
    clock: createSandboxClock({ start: SANDBOX_TEST_NOW, frozen: true }),
  });
  faults = faultSwitch(sandbox);
});
afterAll(() => sandbox.close());

beforeEach(() => {
  sandbox.counters.reset();
  sleeps = [];
  retries = [];
  let now = sandbox.clock.now();
  clientClock = { now: () => now, advance: (ms) => void (now += ms) };
});

function client(overrides: Partial<RequesterOptions> = {}): ConnectClient {
  return new ConnectClient({
    baseUrl: sandbox.url,
    credentials: async () => sandbox.credentials,
    fetch: faults.fetch,
    clock: clientClock,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    timeoutMs: 2_000,
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

const sampleId = () => sandbox.demoOrders()[0]!.orderId;
const onRetry = { onRetry: (error: ConnectError) => void retries.push(error.kind) };

describe('tokens against the sandbox', () => {
  it('reuses one token for many calls', async () => {
    const c = client();
    for (const { orderId } of sandbox.demoOrders().slice(0, 5)) await c.getOrder(orderId);
    expect(sandbox.counters.totals.tokens).toBe(1);
  });

  it('gets a new token before the old one expires, by its own clock', async () => {
    const c = client();
    await c.getOrder(sampleId());
    clientClock.advance(24 * 3600_000);
    sandbox.clock.advance(24 * 3600_000);
    await c.getOrder(sampleId());
    expect(sandbox.counters.totals.tokens).toBe(2);
    expect(sandbox.counters.statusCount(401)).toBe(0);
  });

  it('gets a new token once when the API answers 401, and carries on', async () => {
    const c = client();
    await c.getOrder(sampleId());
    sandbox.clock.advance(25 * 3600_000); // the server's clock alone: it sees the token as expired
    expect(await c.getOrder(sampleId())).toMatchObject({ id: sampleId() });
    expect(sandbox.counters.statusCount(401)).toBe(1);
    expect(sandbox.counters.totals.tokens).toBe(2);
  });

  it('reports wrong credentials as unauthorized with a hint', async () => {
    const c = client({ credentials: async () => ({ clientId: sandbox.credentials.clientId, clientSecret: 'wrong' }) });
    const error = await failure(c.getOrder(sampleId()));
    expect(error.appError).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(error.appError.hint).toMatch(/client id and client secret/);
  });
});

describe('retries against the sandbox', () => {
  it.each<[string, Partial<FaultConfig>, string]>([
    ['a 500', { error500: 1 }, 'server_error'],
    ['a 503 web page', { error503: 1 }, 'server_error'],
    ['a 429', { rateLimitPerSecond: 0.001 }, 'rate_limited'],
    ['a dropped connection', { dropConnection: 1, dropPhase: 'before' }, 'network'],
    ['a body cut in half', { malformedJson: 1 }, 'bad_response'],
  ])('retries %s once and succeeds', async (_name, fault, kind) => {
    faults.once(fault);
    expect(await client().getOrder(sampleId(), undefined, onRetry)).toMatchObject({ id: sampleId() });
    expect(retries).toEqual([kind]);
  });

  it('waits out a 2003 for the time the API names, then succeeds', async () => {
    const c = client();
    const request = await bookableRequest(c, 'user-2003');
    faults.once({ wait2003: 1, wait2003Seconds: 3 });
    const outcome = await c.createOrder('user-2003', request, onRetry);
    expect(retries).toEqual(['api_busy']);
    expect(sleeps).toEqual([3_000 + 150]);
    expect(sandbox.counters.order(outcome.orderId).creates).toBe(1);
  });

  it('fails fast once the retry budget is spent during an outage', async () => {
    sandbox.setFaults({ error503: 1 });
    try {
      const c = client({ budget: { capacity: 2, refillPerSecond: 0.001 } });
      const first = await failure(c.getOrder(sampleId()));
      expect(first).toMatchObject({ kind: 'server_error', attempts: 3, budgetExhausted: true });
      const second = await failure(c.getOrder(sampleId()));
      expect(second).toMatchObject({ attempts: 1, budgetExhausted: true });
      expect(sandbox.counters.statusCount(503)).toBe(4);
    } finally {
      sandbox.setFaults({ error503: 0 });
    }
  });
});

describe('creates whose answer is lost, against the sandbox', () => {
  it('settles a dropped answer through the 1003 of the retry and a get, creating once', async () => {
    const c = client();
    const request = await bookableRequest(c, 'user-drop');
    faults.once({ dropConnection: 1, dropPhase: 'after' });
    const outcome = await c.createOrder('user-drop', request, onRetry);
    expect(outcome.reconciled).toBe(true);
    expect(outcome.order.id).toBe(outcome.orderId);
    expect(retries).toEqual(['network']);
    expect(sandbox.counters.order(outcome.orderId).creates).toBe(1);
    expect(sandbox.counters.totals.creates).toBe(1);
  });

  it('settles a timed-out create by a get, without a retry and without a duplicate', async () => {
    const c = client({ timeoutMs: 300 });
    const request = await bookableRequest(c, 'user-slow');
    faults.once({ slowBody: 1, slowBodyMs: 2_000 });
    const outcome = await c.createOrder('user-slow', { ...request, order_id: 'slow-1' }, { retry: false });
    expect(outcome).toMatchObject({ orderId: 'slow-1', reconciled: true, order: { id: 'slow-1' } });
    expect(sandbox.counters.order('slow-1').creates).toBe(1);
  });

  it('settles an asynchronous create whose retry meets the order still processing (423)', async () => {
    const c = client();
    const asyncStore = sandbox.info.async_location_codes[0]!;
    const request = await bookableRequest(c, 'user-async', asyncStore);
    faults.once({ dropConnection: 1, dropPhase: 'after' });
    const outcome = await c.createOrder('user-async', request, { async: true });
    expect(outcome).toMatchObject({ reconciled: true, order: { status: 'created' } });
    expect(sandbox.counters.order(outcome.orderId).creates).toBe(1);
  });
});

describe('errors from the sandbox', () => {
  it('reads the single shape with the hint for its cause', async () => {
    const c = client();
    const request = await bookableRequest(c, 'user-err');
    const error = await failure(c.createOrder('user-err', { ...request, initial_tip_cents: 50_001 }));
    expect(error.appError).toMatchObject({ code: 'api_validation', apiCode: 1002, key: 'initial_tip_cents' });
    expect(error.appError.hint).toMatch(/limited to \$500\.00/);
  });

  it('reads the multiple shape with a detail and hint per field', async () => {
    const c = client();
    const request = await bookableRequest(c, 'user-errs');
    const error = await failure(
      c.createOrder('user-errs', { ...request, first_name: '!!', initial_tip_cents: 60_000 }),
    );
    expect(error.appError).toMatchObject({ code: 'api_validation', apiCode: 9999 });
    const details = error.appError.details ?? [];
    expect(details.map((d) => d.key)).toEqual(expect.arrayContaining(['first_name', 'initial_tip_cents']));
    expect(details.find((d) => d.key === 'first_name')?.hint).toMatch(/first name/);
    expect(error.attempts).toBe(1);
  });

  it('reports an order the API does not have as not found, not retried', async () => {
    const error = await failure(client().getOrder('no-such-order'));
    expect(error.appError).toMatchObject({ code: 'not_found', status: 404, apiCode: 4000 });
    expect(sandbox.counters.statusCount(404)).toBe(1);
    expect(sandbox.counters.totals.requests).toBe(2); // the token, and one get
  });
});
