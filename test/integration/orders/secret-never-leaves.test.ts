import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyringCredentialStore } from '../../../electron/core/environments/keyring-store';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import type { BatchSummary, OrderDetail } from '../../../shared/contract';
import type { EnvironmentView, ServiceOption, ServiceOptionHold } from '../../../shared/domain';
import type { CoreHarness } from '../../support/core-harness';
import { TEST_KEYCHAIN_SERVICE, startCoreHarness } from '../../support/core-harness';
import { SANDBOX_TEST_NOW } from '../../support/sandbox-client';

const SECRET = `zq-known-secret-${process.pid}-9b4e1f7a`;
const CLIENT_ID = 'retailer-console-id';

let server: Sandbox;
let harness: CoreHarness;
let env: EnvironmentView;

beforeAll(async () => {
  server = await startSandbox({
    orders: 12,
    credentials: { clientId: CLIENT_ID, clientSecret: SECRET },
    clock: createSandboxClock({ start: SANDBOX_TEST_NOW, frozen: true }),
  });
  harness = await startCoreHarness({ sandbox: false, clock: server.clock });
});
afterAll(async () => {
  await harness.close();
  await server.close();
});

describe('a client secret', () => {
  it('is used for real work against a server that accepts only it', async () => {
    env = await harness.value<EnvironmentView>('environments:add', {
      name: 'Retailer',
      kind: 'custom',
      baseUrl: server.url,
      clientId: CLIENT_ID,
    });
    await harness.value('environments:set-secret', { id: env.id, secret: SECRET });
    await harness.value('environments:test', { id: env.id });
    await harness.value('environments:select', { id: env.id });

    const ids = server.demoOrders().map((o) => `${o.orderId},${o.userId}`);
    const imported = await harness.value<BatchSummary>('orders:import-csv', {
      environmentId: env.id,
      csv: `order_id,user_id\n${ids.join('\n')}\n`,
    });
    expect(imported.succeeded).toBe(12);

    const address = { address_line_1: '50 Beale St', postal_code: '94105' };
    const [option] = (
      await harness.value<ServiceOption[]>('orders:service-options', {
        environmentId: env.id,
        userId: 'u-9',
        locationCode: '1002',
        address,
      })
    ).filter((o) => o.availability.available);
    const hold = await harness.value<ServiceOptionHold>('orders:hold', {
      environmentId: env.id,
      userId: 'u-9',
      locationCode: '1002',
      serviceOptionId: option!.id,
    });
    const created = await harness.value<OrderDetail>('orders:create', {
      environmentId: env.id,
      userId: 'u-9',
      order: {
        location_code: '1002',
        service_option_hold_id: hold.id,
        first_name: 'Grace',
        last_name: 'Hopper',
        user_phone: '+14155550123',
        items_count: 2,
        items_weight: 3,
        address,
      },
    });
    await harness.value('orders:get', { environmentId: env.id, orderId: created.order.orderId, refresh: true });
    await harness.value('orders:update', {
      environmentId: env.id,
      orderId: created.order.orderId,
      changes: { initial_tip_cents: 500 },
    });
    await harness.value('environments:list');
    await harness.value('app:info');
    await harness.value('audit:list', {});
    await harness.value('audit:export-csv', { filters: {} });
    await harness.value('orders:export-csv', { environmentId: env.id, filters: {} });
    expect(server.counters.totals.tokens).toBeGreaterThan(0);
    expect(await new KeyringCredentialStore(TEST_KEYCHAIN_SERVICE).get(env.id)).toBe(SECRET);
  });

  it('is absent from the settings file, the SQLite file and its WAL', () => {
    const files = ['settings.json', 'lastmile.db', 'lastmile.db-wal', 'lastmile.db-shm'].map((name) =>
      join(harness.dataDir, name),
    );
    for (const file of files.slice(0, 3)) expect(existsSync(file), file).toBe(true);
    // The scan can find what is there: the client id and a customer's name are in these files.
    expect(readFileSync(files[0]!).includes(CLIENT_ID)).toBe(true);
    const database = Buffer.concat(
      files
        .slice(1)
        .filter(existsSync)
        .map((f) => readFileSync(f)),
    );
    expect(database.includes('Hopper')).toBe(true);
    for (const file of files.filter(existsSync)) expect(readFileSync(file).includes(SECRET), file).toBe(false);
  });

  it('is absent from every answer and event the renderer received', () => {
    expect(harness.received.length).toBeGreaterThan(15);
    expect(JSON.stringify(harness.received)).not.toContain(SECRET);
    expect(JSON.stringify(harness.received)).toContain(CLIENT_ID);
  });

  it('leaves the keychain when its environment is removed', async () => {
    await harness.value('environments:remove', { id: env.id });
    expect(await new KeyringCredentialStore(TEST_KEYCHAIN_SERVICE).get(env.id)).toBeNull();
  });
});
