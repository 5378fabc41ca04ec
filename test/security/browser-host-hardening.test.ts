import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestConsole } from '../support/browser-console';
import { startTestConsole } from '../support/browser-console';
import { accepts, openStream, rawRequest } from './support/raw-http';

/** Listening sockets on a port from /proc/net/tcp{,6}: local address in the kernel's hex form. */
function listeningAddresses(port: number): string[] {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[1]?.endsWith(`:${portHex}`) && cols[3] === '0A')
      .map((cols) => `${table.endsWith('6') ? 'tcp6' : 'tcp'} ${cols[1]?.split(':')[0]}`),
  );
}

/**
 * The browser host's edges not covered by test/integration/browser-host.test.ts: where it listens,
 * the event stream, HEAD/OPTIONS, oversized bodies, and that no response opens CORS.
 */
describe('the browser host, hardened edges', () => {
  let running: TestConsole;
  let port: number;
  let host: string;
  let token: string;
  const seen: { status: number; headers: Record<string, unknown> }[] = [];
  const send = async (...args: Parameters<typeof rawRequest>) => {
    const response = await rawRequest(...args);
    seen.push(response);
    return response;
  };

  beforeAll(async () => {
    running = await startTestConsole();
    port = running.host.port;
    host = `127.0.0.1:${port}`;
    token = running.host.token;
  });
  afterAll(() => running.close());

  it('listens on the IPv4 loopback address only', async () => {
    let methods = 0;
    if (existsSync('/proc/net/tcp')) {
      methods += 1;
      expect(listeningAddresses(port)).toEqual(['tcp 0100007F']);
    }
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4');
    for (const address of external) {
      methods += 1;
      expect(await accepts(address?.address ?? '', port), address?.address).toBe(false);
    }
    expect(methods, 'no way to check where the host listens on this machine').toBeGreaterThan(0);
  });

  it('streams events only with the token, from its own origin and host', async () => {
    const refusals: [Record<string, string>, number, string][] = [
      [{ host }, 401, 'bad_token'],
      [{ host, 'x-lastmile-token': `${token.slice(0, -1)}x` }, 401, 'bad_token'],
      [{ host, 'x-lastmile-token': token, origin: 'https://evil.example' }, 403, 'foreign_origin'],
      [{ host, 'x-lastmile-token': token, origin: 'null' }, 403, 'foreign_origin'],
      [{ host: `evil.example:${port}`, 'x-lastmile-token': token }, 421, 'foreign_host'],
    ];
    for (const [headers, status, code] of refusals) {
      const response = await send(port, '/api/events', { headers });
      expect(response.status, JSON.stringify(headers)).toBe(status);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code } });
    }
    const inQuery = await send(port, `/api/events?token=${token}`, { headers: { host } });
    expect(inQuery.status).toBe(401);

    const stream = await openStream(port, '/api/events', { host, 'x-lastmile-token': token });
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toMatch(/ndjson/);
    running.host.broadcast('orders:progress', { operation: 'refresh', done: 1, failed: 0, total: 2 });
    expect(await stream.waitFor('orders:progress')).toContain('"done":1');
    stream.close();
  });

  it('refuses hosts that only look like its own (DNS rebinding variants)', async () => {
    for (const badHost of [
      `127.0.0.1.nip.io:${port}`,
      `localhost.evil.example:${port}`,
      '127.0.0.1',
      `127.0.0.1:${port + 1}`,
      `[::1]:${port}`,
      `127.0.0.1:${port}@evil.example`,
    ]) {
      const response = await send(port, '/api/app:info', {
        method: 'POST',
        headers: { host: badHost, 'x-lastmile-token': token },
        body: '{}',
      });
      expect(response.status, badHost).toBe(421);
    }
  });

  it('answers HEAD and OPTIONS on channels without calling one, and a CORS preflight gets nothing', async () => {
    const preflight = await send(port, '/api/environments:set-secret', {
      method: 'OPTIONS',
      headers: { host, origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    const ownPreflight = await send(port, '/api/app:info', {
      method: 'OPTIONS',
      headers: { host, origin: `http://${host}` },
    });
    expect(ownPreflight.status).toBe(401);
    for (const method of ['OPTIONS', 'HEAD', 'PUT', 'DELETE']) {
      const response = await send(port, '/api/app:info', { method, headers: { host, 'x-lastmile-token': token } });
      expect(response.status, method).toBe(405);
    }
    const page = await send(port, '/', { method: 'HEAD', headers: { host } });
    expect(page.status).toBe(200);
    expect(page.body).toBe('');
    expect(page.headers['content-security-policy']).toBeTruthy();
  });

  it('refuses a body over 48 MB with a clear error, whether its length is declared or not', async () => {
    const big = Buffer.alloc(49 * 1024 * 1024, 0x20);
    for (const declared of [true, false]) {
      const headers: Record<string, string> = { host, 'x-lastmile-token': token };
      if (!declared) headers['transfer-encoding'] = 'chunked';
      const response = await send(port, '/api/orders:import-csv', { method: 'POST', headers, body: big });
      expect(response.status, declared ? 'declared' : 'chunked').toBe(413);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'too_large', hint: /split/i } });
    }
  });

  it('never echoes the token and never opens CORS', async () => {
    const wrong = await send(port, '/api/app:info', {
      method: 'POST',
      headers: { host, 'x-lastmile-token': 'attacker-supplied-value' },
    });
    expect(wrong.body).not.toContain('attacker-supplied-value');
    expect(wrong.body).not.toContain(token);
    expect(seen.length).toBeGreaterThan(15);
    for (const response of seen) {
      const corsHeaders = Object.keys(response.headers).filter((name) => name.startsWith('access-control-'));
      expect(corsHeaders).toEqual([]);
    }
  });
});
