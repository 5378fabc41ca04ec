import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import type { AuditEntry, OrderDetail, SearchResult, TeamView } from '../../../shared/contract';
import { teamMigrations } from '../../../electron/core/team/migrations';
import type { CoreHarness } from '../../support/core-harness';
import type { TestPostgres } from '../../support/postgres';
import { startPostgres } from '../../support/postgres';
import { SANDBOX_TEST_NOW } from '../../support/sandbox-client';
import { SHOP_HEADERS, csvOf, inspect, runImport, upload } from '../shop-import/import-support';
import { settled, settledAll, teamConsole, teamDatabase, withClient } from './team-fixture';

let server: TestPostgres;
let sandbox: Sandbox;
let teamUrl: string;
let consoles: CoreHarness[] = [];

const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', '-08:00');

/** The shop's export of the sandbox's orders, each with a customer only the export knows. */
function shopExport(orders: { orderId: string; userId: string }[], names: string[]): Buffer {
  const rows = orders.map((order, i) => [
    order.orderId,
    order.userId,
    names[i]!,
    `(415) 555-01${String(10 + i)}`,
    `${200 + i} Mission St`,
    '',
    '94110',
    '1001',
    at(SANDBOX_TEST_NOW + DAY),
    at(SANDBOX_TEST_NOW + DAY + 3_600_000),
    `T-${i}`,
    '4',
    '1',
    '3',
    '2.00',
  ]);
  return Buffer.from(csvOf([SHOP_HEADERS, ...rows]));
}

async function importOn(harness: CoreHarness, file: Buffer) {
  const uploadId = await upload(harness, 'orders.csv', file);
  const seen = await inspect(harness, uploadId);
  if (!seen.ok) throw new Error(JSON.stringify(seen.error));
  return runImport(harness, uploadId, seen.value.mapping);
}

const search = (harness: CoreHarness, text: string) =>
  harness.value<SearchResult>('orders:search', { environmentId: 'sandbox', text });
const audit = (harness: CoreHarness, orderId: string) =>
  harness.value<{ rows: AuditEntry[] }>('audit:list', { environmentId: 'sandbox', orderId });

beforeAll(async () => {
  server = await startPostgres();
  teamUrl = await teamDatabase(server, 'team');
  sandbox = await startSandbox({ orders: 12, seed: 19, clock: createSandboxClock({ start: SANDBOX_TEST_NOW }) });
  consoles = [];
  for (let i = 0; i < 3; i++) consoles.push(await teamConsole(sandbox, teamUrl));
  await Promise.all(consoles.map((c) => settled(c)));
}, 90_000);

afterAll(async () => {
  // The keychain entry is shared by the three (one test keychain): cleared once, by the last.
  for (const harness of consoles.slice(0, -1)) await harness.core.services.team.close();
  await consoles.at(-1)?.value('team:set', { id: 'sandbox', url: null });
  for (const harness of consoles) await harness.close();
  await sandbox?.close();
  await server?.close();
});

describe('three consoles on one team database', () => {
  it('keeps the password out of the settings, and each console online with nothing waiting', async () => {
    const view = await consoles[0]!.value<TeamView>('team:get', { id: 'sandbox' });
    expect(view).toMatchObject({
      url: expect.stringMatching(/^postgres:\/\/lastmile_console@127\.0\.0\.1:\d+\/team\?sslmode=disable$/),
      hasPassword: true,
      sync: { state: 'online', pending: 0, problem: null },
    });
    expect(await consoles[1]!.value('team:test', { id: 'sandbox' })).toEqual({
      schemaVersion: teamMigrations.length,
      pending: 0,
    });
  });

  it('finds on another console, within a second, the orders one console imported from the shop', async () => {
    const demo = sandbox.demoOrders().slice(0, 4);
    const job = await importOn(consoles[0]!, shopExport(demo, ['Imelda Quist', 'Bo Varga', 'Cy Lund', 'Dee Aro']));
    expect(job.counts).toMatchObject({ created: 4, fetched: 4 });
    const imported = Date.now();
    await expect
      .poll(async () => (await search(consoles[1]!, 'Quist')).rows.map((r) => r.orderId), {
        timeout: 1_000,
        interval: 25,
      })
      .toEqual([demo[0]!.orderId]);
    expect(Date.now() - imported).toBeLessThan(1_000);
    // Instacart's status came with it: the third console asks nothing of the sandbox to show it.
    await expect
      .poll(async () => (await search(consoles[2]!, '4155550111')).rows[0], { timeout: 1_000, interval: 25 })
      .toMatchObject({ orderId: demo[1]!.orderId, firstName: 'Bo', status: expect.not.stringMatching(/not_checked/) });
  });

  it('shows an edit made on one console, with its history and audit entry (its reason too), on the others', async () => {
    const order = sandbox.demoOrders()[2]!;
    await settled(consoles[1]!);
    const edited = await consoles[1]!.value<OrderDetail>('orders:update', {
      environmentId: 'sandbox',
      orderId: order.orderId,
      changes: { initial_tip_cents: 975 },
      note: 'Customer called, ticket 4411',
    });
    expect(edited.order.tipCents).toBe(975);
    const updates = sandbox.counters.order(order.orderId).updates;
    for (const other of [consoles[0]!, consoles[2]!]) {
      await expect
        .poll(async () => (await audit(other, order.orderId)).rows.map((r) => [r.action, r.outcome]), {
          timeout: 2_000,
        })
        .toContainEqual(['order.tip', 'ok']);
      // Who did it and what changed travel with the entry.
      const entry = (await audit(other, order.orderId)).rows.find((r) => r.action === 'order.tip')!;
      const own = (await audit(consoles[1]!, order.orderId)).rows.find((r) => r.action === 'order.tip')!;
      expect(entry).toMatchObject({ who: own.who, changes: own.changes, environmentName: own.environmentName });
      expect([own.note, entry.note]).toEqual(['Customer called, ticket 4411', 'Customer called, ticket 4411']);
      expect(entry.changes.length).toBeGreaterThan(0);
      // The order and its audit entry may come in two pulls: each console converges within the second.
      const cached = () => other.value<OrderDetail>('orders:get', { environmentId: 'sandbox', orderId: order.orderId });
      await expect.poll(async () => (await cached()).order.tipCents, { timeout: 2_000 }).toBe(975);
      const detail = await cached();
      expect(detail).toMatchObject({ fromCache: true, order: { tipCents: 975, firstName: 'Cy' } });
      expect(detail.events).toContainEqual(expect.objectContaining({ kind: 'tip', to: '975' }));
    }
    expect(sandbox.counters.order(order.orderId).updates).toBe(updates);
  });

  it('loses and doubles nothing when PostgreSQL stops mid-work and starts again, and drains every outbox', async () => {
    const demo = sandbox.demoOrders().slice(4, 10);
    const listening = (harness: CoreHarness) =>
      harness.events.filter((e) => e.name === 'team:listening').map((e) => e.payload);
    const before = consoles.map((harness) => listening(harness).length);
    await server.stop();
    // Work goes on while the team database is down: an import on one console, an edit on another.
    const job = await importOn(
      consoles[2]!,
      shopExport(demo, ['Ely Moss', 'Fay Orr', 'Gus Pike', 'Hal Reyes', 'Ivy Soto', 'Jo Tate']),
    );
    expect(job.counts).toMatchObject({ created: 6 });
    await consoles[0]!.value('orders:update', {
      environmentId: 'sandbox',
      orderId: sandbox.demoOrders()[0]!.orderId,
      changes: { initial_tip_cents: 450 },
    });
    await expect
      .poll(async () => (await consoles[2]!.value<TeamView>('team:get', { id: 'sandbox' })).sync)
      .toMatchObject({
        state: 'offline',
        pending: expect.any(Number),
        problem: expect.stringContaining('team database'),
      });
    expect((await consoles[2]!.value<TeamView>('team:get', { id: 'sandbox' })).sync!.pending).toBeGreaterThan(6);
    expect((await search(consoles[1]!, 'Moss')).total).toBe(0);

    await server.start();
    await settledAll(consoles, 20_000);
    // Each console says it hears the team again, so a screen asks for what it missed meanwhile.
    consoles.forEach((harness, i) => {
      expect(listening(harness).slice(before[i])).toContainEqual({ environmentId: 'sandbox' });
    });
    for (const harness of consoles) {
      expect((await harness.value<TeamView>('team:get', { id: 'sandbox' })).sync).toMatchObject({
        state: 'online',
        pending: 0,
      });
      expect((await search(harness, 'Moss')).rows.map((r) => r.orderId)).toEqual([demo[0]!.orderId]);
      expect((await search(harness, '')).total).toBe(10);
      const tip = await harness.value<OrderDetail>('orders:get', {
        environmentId: 'sandbox',
        orderId: sandbox.demoOrders()[0]!.orderId,
      });
      expect(tip.order.tipCents).toBe(450);
      expect(tip.events.filter((e) => e.kind === 'tip' && e.to === '450')).toHaveLength(1);
      const entries = (await audit(harness, sandbox.demoOrders()[0]!.orderId)).rows;
      expect(entries.filter((e) => e.action === 'order.tip')).toHaveLength(1);
    }
    await withClient(server.urlFor('lastmile_console', 'console-test-password', 'team'), async (client) => {
      const counts = await client.query<{ orders: number; events: number; audit: number; uniq: number }>(
        `SELECT (SELECT count(*)::int FROM team_orders) AS orders,
                (SELECT count(*)::int FROM team_order_events) AS events,
                (SELECT count(*)::int FROM team_audit) AS audit,
                (SELECT count(DISTINCT (environment_id, action, order_id, at_ms))::int FROM team_audit) AS uniq`,
      );
      expect(counts.rows[0]).toMatchObject({ orders: 10 });
      expect(counts.rows[0]!.uniq).toBe(counts.rows[0]!.audit);
    });
  }, 60_000);
});
