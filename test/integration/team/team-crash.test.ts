import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../electron/core/cache/cache';
import { createCore } from '../../../electron/core/create-core';
import { repoRoot } from '../../../electron/launch/paths';
import { bulkLoadOrders } from '../../../electron/core/orders/bulk-load';
import { teamPasswordKey } from '../../../electron/core/team/team-service';
import { MemoryCredentialStore } from '../../support/memory-credential-store';
import type { TestPostgres } from '../../support/postgres';
import { startPostgres } from '../../support/postgres';
import { tempDir } from '../../support/temp-dir';
import { apiOrder } from '../cache/cache-fixture';
import { CONSOLE_PASSWORD, teamDatabase, withClient } from './team-fixture';

const ORDERS = 3_000;
const AUDIT = 400;
const work = tempDir('lastmile-team-crash-');
let server: TestPostgres;
let teamUrl: string;
let child: string;

beforeAll(async () => {
  server = await startPostgres();
  teamUrl = await teamDatabase(server, 'team');
  // Bundled, so the child is ready at once where tsx takes seconds.
  child = join(work.path, 'team-sync-child.cjs');
  await build({
    entryPoints: [join(repoRoot, 'test/integration/team/team-sync-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: child,
    external: ['better-sqlite3', '@napi-rs/keyring', 'pg', 'exceljs', 'bwip-js', 'pdf-lib'],
    logLevel: 'warning',
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
  work.remove();
});

const count = (table: string) =>
  withClient(
    teamUrl,
    async (c) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n,
  );

describe('a console killed with SIGKILL while it sends its outbox', () => {
  it('sends the rest after it starts again: every order and audit entry once, the outbox empty', async () => {
    const dataDir = join(work.path, 'console');
    const cache = openCache(join(dataDir, 'lastmile.db'));
    bulkLoadOrders(
      cache.database,
      'sandbox',
      Array.from({ length: ORDERS }, (_, i) => ({ api: apiOrder(`CRASH-${i}`) })),
      { source: 'import', expectedCount: ORDERS },
    );
    for (let i = 0; i < AUDIT; i++) {
      cache.audit.recordAudit({
        envId: 'sandbox',
        action: 'order.get',
        orderId: `CRASH-${i}`,
        request: {},
        outcome: 'ok',
      });
    }
    cache.close();

    const running = spawn(process.execPath, [child, dataDir, teamUrl], {
      cwd: repoRoot,
      env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    running.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      running.on('close', (_c, signal) => resolve(signal)),
    );
    // Killed once part of the outbox is in the team database and part is not.
    for (;;) {
      const sent = await count('team_orders');
      if (sent > 0 && sent < ORDERS) break;
      if (running.exitCode !== null) throw new Error(`the child ended: ${stderr}`);
      if (sent >= ORDERS) throw new Error('the outbox was sent before the child could be killed');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    running.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const db = new Database(join(dataDir, 'lastmile.db'), { readonly: true });
    const waiting = (db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n;
    db.close();
    expect(waiting).toBeGreaterThan(0);
    expect(await count('team_orders')).toBeLessThan(ORDERS);

    const store = new MemoryCredentialStore();
    store.secrets.set(teamPasswordKey('sandbox'), CONSOLE_PASSWORD);
    const again = await createCore({
      dataDir,
      host: 'browser',
      version: '0.0.0-test',
      emit: () => undefined,
      sandbox: false,
      background: false,
      credentialStore: store,
      team: { pollMs: 20, batch: 500, retryDelaysMs: [100] },
    });
    try {
      await again.services.team.sync('sandbox')!.settled(30_000);
      expect(await count('team_orders')).toBe(ORDERS);
      // And the entry of joining the team, which the child wrote.
      expect(await count('team_audit')).toBe(AUDIT + 1);
      const reopened = new Database(join(dataDir, 'lastmile.db'), { readonly: true });
      expect(reopened.prepare('SELECT count(*) AS n FROM team_outbox').get()).toEqual({ n: 0 });
      // What came back from the team did not add copies here either.
      expect(reopened.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: ORDERS });
      expect(reopened.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: AUDIT + 1 });
      reopened.close();
    } finally {
      await again.close();
    }
  }, 90_000);
});
