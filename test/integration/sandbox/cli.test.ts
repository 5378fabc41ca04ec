import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../electron/launch/paths';
import type { SandboxInfo } from '../../../electron/core/sandbox';
import { send } from './support';

describe.concurrent('npm run sandbox', () => {
  it('prints its info as one JSON line, then serves a token and an order over HTTP', async () => {
    const child = spawn(
      'npm',
      ['run', '--silent', 'sandbox', '--', '--port', '0', '--orders', '200', '--seed', '5', '--json'],
      {
        cwd: repoRoot,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      const lines = createInterface({ input: child.stdout });
      const [line] = (await Promise.race([
        once(lines, 'line'),
        exited.then(() => {
          throw new Error(`the sandbox exited early: ${stderr}`);
        }),
      ])) as [string];
      const info = JSON.parse(line) as SandboxInfo;
      expect(Object.keys(info)).toEqual(
        expect.arrayContaining([
          'url',
          'client_id',
          'client_secret',
          'user_ids',
          'location_codes',
          'postal_codes',
          'sample_order_ids',
          'dispatch_order_ids',
        ]),
      );
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.dispatch_order_ids.length).toBeGreaterThan(0);

      const token = await send(info.url, 'POST', '/v2/oauth/token', {
        client_id: info.client_id,
        client_secret: info.client_secret,
        grant_type: 'client_credentials',
        scope: 'connect:fulfillment',
      });
      expect(token.status).toBe(200);
      const accessToken = (token.body as { access_token: string }).access_token;
      const orderId = info.sample_order_ids[0] as string;
      const order = await send(info.url, 'GET', `/v2/fulfillment/lastmile/orders/${orderId}`, undefined, {
        authorization: `Bearer ${accessToken}`,
      });
      expect(order.status).toBe(200);
      expect(order.body).toMatchObject({ id: orderId, fulfillment_details: { window_starts_at: expect.any(String) } });
    } finally {
      // npm runs the sandbox in a child of its own: stop the whole group this test started.
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  });

  it('refuses an unknown option with the usage', async () => {
    const child = spawn('npm', ['run', '--silent', 'sandbox', '--', '--prot', '80'], { cwd: repoRoot });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).not.toBe(0);
    expect(stderr).toContain('Unknown option --prot.');
    expect(stderr).toContain('Usage: npm run sandbox');
  });
});
