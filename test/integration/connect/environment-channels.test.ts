import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyringCredentialStore } from '../../../electron/core/environments/keyring-store';
import type { Sandbox } from '../../../electron/core/sandbox';
import { startSandbox } from '../../../electron/core/sandbox';
import type { AppInfo, EnvironmentView } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import type { CoreHarness } from '../../support/core-harness';
import { TEST_KEYCHAIN_SERVICE, startCoreHarness } from '../../support/core-harness';

/** The retailer's own server, played by a second sandbox that accepts only these credentials. */
const ACME = { clientId: 'acme-console', clientSecret: `acme-secret-${process.pid}-7f3a9c` };

let sandbox: Sandbox;
let acme: Sandbox;
let harness: CoreHarness;
let acmeEnv: EnvironmentView;

beforeAll(async () => {
  [sandbox, acme] = await Promise.all([startSandbox({ orders: 20 }), startSandbox({ orders: 20, credentials: ACME })]);
  harness = await startCoreHarness({ sandbox });
});
afterAll(async () => {
  await harness.close();
  await Promise.all([sandbox.close(), acme.close()]);
});

const list = () =>
  harness.value<{ environments: EnvironmentView[]; selectedId: string; problems: AppError[] }>('environments:list');

describe('environment channels', () => {
  it('lists the built-in sandbox, selected, with its credentials set and no secret shown', async () => {
    const { environments, selectedId, problems } = await list();
    expect(selectedId).toBe('sandbox');
    expect(problems).toEqual([]);
    expect(environments).toEqual([
      expect.objectContaining({ id: 'sandbox', kind: 'sandbox', baseUrl: sandbox.url, hasSecret: true, builtIn: true }),
    ]);
  });

  it('tests the sandbox connection, records when, and reports the app online', async () => {
    const tested = await harness.value<EnvironmentView>('environments:test', { id: 'sandbox' });
    expect(tested.lastVerifiedAt).not.toBeNull();
    const info = await harness.value<AppInfo>('app:info');
    expect(info).toMatchObject({ environment: { id: 'sandbox', baseUrl: sandbox.url }, online: true });
    expect(info.lastSuccessAt).not.toBeNull();
    expect(harness.events.some((e) => e.name === 'app:status' && (e.payload as AppInfo).online)).toBe(true);
  });

  it('adds a custom environment whose secret goes to the keychain and is never sent back', async () => {
    acmeEnv = await harness.value<EnvironmentView>('environments:add', {
      name: 'Acme (local)',
      kind: 'custom',
      baseUrl: acme.url,
      clientId: ACME.clientId,
    });
    expect(acmeEnv).toMatchObject({ kind: 'custom', hasSecret: false, lastVerifiedAt: null });

    const withSecret = await harness.value<EnvironmentView>('environments:set-secret', {
      id: acmeEnv.id,
      secret: ACME.clientSecret,
    });
    expect(withSecret.hasSecret).toBe(true);
    expect(await new KeyringCredentialStore(TEST_KEYCHAIN_SERVICE).get(acmeEnv.id)).toBe(ACME.clientSecret);

    const tested = await harness.value<EnvironmentView>('environments:test', { id: acmeEnv.id });
    expect(tested.lastVerifiedAt).not.toBeNull();
    expect(acme.counters.totals.tokens).toBe(1);
  });

  it('refuses plain HTTP to another machine, and says why', async () => {
    const result = await harness.call('environments:add', {
      name: 'Insecure',
      kind: 'custom',
      baseUrl: 'http://connect.example.com',
      clientId: 'x',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'baseUrl' } });
  });

  it('reports a wrong secret as refused credentials, and forgets the earlier verification', async () => {
    await harness.value('environments:set-secret', { id: acmeEnv.id, secret: 'not-the-secret' });
    const result = await harness.call('environments:test', { id: acmeEnv.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized', status: 401 } });
    if (!result.ok) expect(result.error.hint).toMatch(/client id and client secret/);
    const view = (await list()).environments.find((e) => e.id === acmeEnv.id);
    expect(view?.lastVerifiedAt).toBeNull();
    await harness.value('environments:set-secret', { id: acmeEnv.id, secret: ACME.clientSecret });
  });

  it('selects an environment, announcing it, and goes offline with the last success time when it is down', async () => {
    const info = await harness.value<AppInfo>('environments:select', { id: acmeEnv.id });
    expect(info.environment).toMatchObject({ id: acmeEnv.id, name: 'Acme (local)', kind: 'custom' });
    await harness.value('environments:test', { id: acmeEnv.id });
    const online = await harness.value<AppInfo>('app:info');
    expect(online.online).toBe(true);

    await acme.close();
    const failed = await harness.call('environments:test', { id: acmeEnv.id });
    expect(failed).toMatchObject({ ok: false, error: { code: 'network' } });
    const offline = await harness.value<AppInfo>('app:info');
    expect(offline).toMatchObject({ online: false, lastSuccessAt: online.lastSuccessAt });
    const last = harness.events.filter((e) => e.name === 'app:status').at(-1)?.payload as AppInfo;
    expect(last).toMatchObject({ online: false, environment: { id: acmeEnv.id } });
  });

  it('removes an environment with its keychain entry, falling back to the sandbox', async () => {
    await harness.value('environments:remove', { id: acmeEnv.id });
    expect(await new KeyringCredentialStore(TEST_KEYCHAIN_SERVICE).get(acmeEnv.id)).toBeNull();
    const after = await list();
    expect(after.selectedId).toBe('sandbox');
    expect(after.environments.map((e) => e.id)).toEqual(['sandbox']);
    // The status follows the environments' own change events: the header hears of the fallback.
    const last = harness.events.filter((e) => e.name === 'app:status').at(-1)?.payload as AppInfo;
    expect(last.environment).toMatchObject({ id: 'sandbox', name: 'Sandbox' });
    expect((await harness.call('environments:remove', { id: 'sandbox' })).ok).toBe(false);
  });

  it('never let the secret reach the settings file, an answer or an event', () => {
    const settings = readFileSync(join(harness.dataDir, 'settings.json'), 'utf8');
    expect(settings).not.toContain(ACME.clientSecret);
    expect(JSON.stringify(harness.received)).not.toContain(ACME.clientSecret);
    expect(harness.received.length).toBeGreaterThan(10);
  });
});
