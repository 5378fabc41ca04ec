import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestConsole } from '../support/browser-console';
import { startTestConsole } from '../support/browser-console';

/** A raw request, so tests can send the Host and Origin headers a browser under attack would send. */
function raw(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the browser host', () => {
  let running: TestConsole;
  let port: number;
  let host: string;

  beforeAll(async () => {
    running = await startTestConsole();
    port = running.host.port;
    host = `127.0.0.1:${port}`;
  });
  afterAll(() => running.close());

  const call = (headers: Record<string, string>, body = '{"input":null}') =>
    raw(port, '/api/app:info', {
      method: 'POST',
      headers: { 'content-type': 'application/json', host, ...headers },
      body,
    });

  it('listens on loopback only', () => {
    expect(running.host.url).toBe(`http://127.0.0.1:${port}/`);
  });

  it('answers a channel called with the token from its own origin', async () => {
    const response = await call({ 'x-lastmile-token': running.host.token, origin: `http://${host}` }, '{}');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      ok: true,
      value: { name: 'Last Mile Console', host: 'browser' },
    });
  });

  it('rejects a request without the token, or with a wrong one', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'x-lastmile-token': 'guess' },
      { 'x-lastmile-token': `${running.host.token}x` },
    ]) {
      const response = await call(headers);
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'bad_token' } });
    }
  });

  it('rejects a foreign Origin even with the right token', async () => {
    const response = await call({ 'x-lastmile-token': running.host.token, origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'foreign_origin' } });
  });

  it('rejects a foreign Host header (DNS rebinding), for pages and for channels', async () => {
    const page = await raw(port, '/', { headers: { host: `evil.example:${port}` } });
    expect(page.status).toBe(421);
    const channel = await raw(port, '/api/app:info', {
      method: 'POST',
      headers: { host: 'evil.example', 'x-lastmile-token': running.host.token },
      body: '{}',
    });
    expect(channel.status).toBe(421);
  });

  it('validates input behind the token exactly as the Electron registration does', async () => {
    const response = await raw(port, '/api/orders:get', {
      method: 'POST',
      headers: { host, 'x-lastmile-token': running.host.token },
      body: JSON.stringify({ input: { environmentId: 'sandbox', orderId: 42 } }),
    });
    const result = JSON.parse(response.body);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'orderId' } });
    expect(result.error.message).toContain('orders:get');
  });

  it('answers malformed JSON with a clear error', async () => {
    const response = await call({ 'x-lastmile-token': running.host.token }, '{"input":');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_json' } });
  });

  it('serves the console page with its CSP, and nothing outside its folder', async () => {
    const page = await raw(port, '/', { headers: { host } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="app">');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2f..%2fpackage.json']) {
      const escaped = await raw(port, path, { headers: { host } });
      expect(escaped.body).not.toContain('"devDependencies"');
    }
  });
});
