import { afterEach, describe, expect, it } from 'vitest';
import type { TestApi } from './support';
import { getToken, send, single, startTestApi } from './support';

describe('fault injection', () => {
  let api: TestApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });
  const start = async (faults: Parameters<TestApi['sandbox']['setFaults']>[0] = {}) => {
    api = await startTestApi({ faults });
    return api;
  };
  const getPath = (a: TestApi) => `/v2/fulfillment/lastmile/orders/${a.sandbox.info.sample_order_ids[0]}`;

  it('is all off by default', async () => {
    const { sandbox } = await start();
    expect(sandbox.faults()).toMatchObject({
      latencyMs: 0,
      jitterMs: 0,
      rateLimitPerSecond: 0,
      error500: 0,
      error503: 0,
      error429: 0,
      wait2003: 0,
      dropConnection: 0,
      malformedJson: 0,
      slowBody: 0,
    });
  });

  it('with a 5 req/s limit, a burst of 50 gets 429s (no Retry-After), the token route excepted', async () => {
    const a = await start({ rateLimitPerSecond: 5 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => a.call('GET', getPath(a))));
    const limited = answers.filter((x) => x.status === 429);
    const served = answers.filter((x) => x.status === 200);
    expect(limited.length + served.length).toBe(50);
    expect(served.length).toBeGreaterThanOrEqual(5);
    expect(served.length).toBeLessThanOrEqual(10);
    expect(limited[0]?.body).toEqual(single('Too Many Requests', null));
    expect(limited[0]?.headers.get('retry-after')).toBeNull();
    expect(a.sandbox.counters.statusCount(429)).toBe(limited.length);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => getToken(a.sandbox)));
    expect(new Set(tokens).size).toBe(10);
  });

  it('with error429 on, a stage answers 429 before it is handled: the order is not staged', async () => {
    const a = await start({ error429: 1 });
    const orderId = a.sandbox.info.dispatch_order_ids[0] as string;
    const answer = await a.call('POST', `/v2/fulfillment/lastmile/orders/${orderId}/staged`, {});
    expect(answer.status).toBe(429);
    expect(answer.body).toEqual(single('Too Many Requests', null));
    expect(answer.headers.get('retry-after')).toBeNull();
    expect(a.sandbox.counters.order(orderId).stages).toBe(0);
    a.sandbox.setFaults({ error429: 0 });
    expect((await a.call('POST', `/v2/fulfillment/lastmile/orders/${orderId}/staged`, {})).status).toBe(200);
  });

  it('with malformed JSON on, a 200 body is not JSON, and the request still took effect', async () => {
    const a = await start({ malformedJson: 1 });
    const orderId = a.sandbox.info.dispatch_order_ids[0] as string;
    const answer = await a.call('POST', `/v2/fulfillment/lastmile/orders/${orderId}/staged`, {});
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(answer.text) as unknown).toThrow();
    expect(answer.text.startsWith(`{"id":"${orderId}"`)).toBe(true);
    expect(a.sandbox.counters.totals.malformed).toBe(1);
    expect(a.sandbox.counters.order(orderId).stages).toBe(1);
    const again = await a.call('POST', `/v2/fulfillment/lastmile/orders/${orderId}/staged`, {});
    expect(again.status).toBe(404);
    expect(again.body).toBeDefined();
  });

  it('drops connections before handling (no effect) or after (effect kept)', async () => {
    const a = await start({ dropConnection: 1, dropPhase: 'before' });
    const [first, second] = a.sandbox.info.dispatch_order_ids as [string, string];
    const stage = (id: string) => a.call('POST', `/v2/fulfillment/lastmile/orders/${id}/staged`, {});
    await expect(stage(first)).rejects.toThrow();
    expect(a.sandbox.counters.order(first).stages).toBe(0);
    a.sandbox.setFaults({ dropPhase: 'after' });
    await expect(stage(second)).rejects.toThrow();
    expect(a.sandbox.counters.order(second).stages).toBe(1);
    expect(a.sandbox.counters.totals.dropped).toBe(2);
  });

  it('answers 500 as JSON and 503 as an HTML page, never on the token route', async () => {
    const a = await start({ error500: 1 });
    const failed = await a.call('GET', getPath(a));
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual(single('Internal Server Error', null));
    expect(typeof (await getToken(a.sandbox))).toBe('string');
    a.sandbox.setFaults({ error500: 0, error503: 1 });
    const unavailable = await a.call('GET', getPath(a));
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('content-type')).toContain('text/html');
    expect(unavailable.text).toContain('503 Service Unavailable');
  });

  it('injects the transient 2003 only where the pages document it (create, update, stage)', async () => {
    const a = await start({ wait2003: 1, wait2003Seconds: 2 });
    expect((await a.call('GET', getPath(a))).status).toBe(200);
    const orderId = a.sandbox.info.dispatch_order_ids[0] as string;
    expect((await a.call('POST', `/v2/fulfillment/lastmile/orders/${orderId}/staged`, {})).body).toEqual(
      single('The request could not be completed at this time, try again later.', 2003, { wait: '2' }),
    );
  });

  it('adds latency, and trickles slow bodies that still arrive whole', async () => {
    const a = await start({ latencyMs: 150 });
    let began = performance.now();
    expect((await a.call('GET', getPath(a))).status).toBe(200);
    expect(performance.now() - began).toBeGreaterThanOrEqual(145);
    a.sandbox.setFaults({ latencyMs: 0, slowBody: 1, slowBodyMs: 300 });
    began = performance.now();
    const slow = await a.call('GET', getPath(a));
    expect(performance.now() - began).toBeGreaterThanOrEqual(240);
    expect(slow.body).toMatchObject({ id: a.sandbox.info.sample_order_ids[0] });
  });

  it('meets the same faults in the same order for the same seed', async () => {
    const statuses = async (seed: number) => {
      const a = await startTestApi({ faults: { seed, error500: 0.3, error503: 0.2 } });
      try {
        const seen: number[] = [];
        for (let i = 0; i < 30; i++) seen.push((await a.call('GET', getPath(a))).status);
        return seen;
      } finally {
        await a.close();
      }
    };
    const first = await statuses(9);
    expect(await statuses(9)).toEqual(first);
    expect(await statuses(10)).not.toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(503);
    expect(first).toContain(200);
  });

  it('refuses a bad setting with the field named, keeping the previous settings', async () => {
    const { sandbox } = await start({ error500: 0.5 });
    expect(() => sandbox.setFaults({ error500: 2 })).toThrow(/error500/);
    expect(() => sandbox.setFaults({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect(sandbox.faults().error500).toBe(0.5);
  });

  it('can be changed at run time through the admin route, which needs a JSON content type', async () => {
    const a = await start();
    const refused = await send(a.sandbox.url, 'PUT', '/_sandbox/faults', 'error500=1', {
      'content-type': 'text/plain',
    });
    expect(refused.status).toBe(415);
    const changed = await send(a.sandbox.url, 'PUT', '/_sandbox/faults', { error500: 1 });
    expect(changed.status).toBe(200);
    expect((await a.call('GET', getPath(a))).status).toBe(500);
    const bad = await send(a.sandbox.url, 'PUT', '/_sandbox/faults', { error500: 'often' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { message: expect.stringContaining('error500') } });
  });
});
