import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnvironmentChange, SandboxAccess } from '../../../electron/core/environments/environments';
import { Environments } from '../../../electron/core/environments/environments';
import { SETTINGS_FILE } from '../../../electron/core/environments/settings-file';
import { machineTimeZone } from '../../../electron/core/environments/store-zones';
import { MemoryCredentialStore } from '../../support/memory-credential-store';
import { tempDir } from '../../support/temp-dir';

const SANDBOX: SandboxAccess = { baseUrl: 'http://127.0.0.1:9', clientId: 'demo-id', clientSecret: 'demo-secret' };
const SECRET = 'acme-secret-4f1d9a';

let dir: ReturnType<typeof tempDir>;
let store: MemoryCredentialStore;
let changes: EnvironmentChange[];
const open = async (sandbox: SandboxAccess | null = SANDBOX) => {
  const environments = await Environments.open({ dataDir: dir.path, store, clock: { now: () => 0 }, sandbox });
  environments.onChange((change) => changes.push(change));
  return environments;
};
const settingsText = () => readFileSync(join(dir.path, SETTINGS_FILE), 'utf8');

beforeEach(() => {
  dir = tempDir();
  store = new MemoryCredentialStore();
  changes = [];
});
afterEach(() => dir.remove());

describe('environments', () => {
  it('starts with the built-in sandbox, selected, using its demo credentials', async () => {
    const envs = await open();
    expect(await envs.list()).toEqual({
      selectedId: 'sandbox',
      problems: [],
      environments: [
        {
          id: 'sandbox',
          name: 'Sandbox',
          kind: 'sandbox',
          baseUrl: SANDBOX.baseUrl,
          clientId: 'demo-id',
          hasSecret: true,
          lastVerifiedAt: null,
          builtIn: true,
          // A sandbox that declares no zones: its times show in this computer's zone.
          timeZone: machineTimeZone(),
          storeTimeZones: {},
        },
      ],
    });
    expect(await envs.credentials('sandbox')).toEqual({ clientId: 'demo-id', clientSecret: 'demo-secret' });
  });

  it('adds, renames, selects and removes environments, keeping them across restarts', async () => {
    const envs = await open();
    const dev = await envs.add({ name: 'Acme dev', kind: 'development', clientId: 'acme' });
    expect(dev).toMatchObject({ baseUrl: 'https://connect.dev.instacart.tools', hasSecret: false, builtIn: false });
    const custom = await envs.add({ name: 'Local', kind: 'custom', baseUrl: 'http://127.0.0.1:7000/', clientId: 'x' });
    await envs.select(custom.id);
    await envs.update({ id: dev.id, name: 'Acme development' });

    const reopened = await open();
    const list = await reopened.list();
    expect(list.selectedId).toBe(custom.id);
    expect(list.environments.map((e) => e.name)).toEqual(['Sandbox', 'Acme development', 'Local']);

    await reopened.remove(custom.id);
    expect(reopened.selectedId).toBe('sandbox');
    expect(changes.map((c) => c.what)).toEqual(['selected', 'changed', 'removed']);
  });

  it('keeps the secret only in the credential store, and forgets a verification when access changes', async () => {
    const envs = await open();
    const dev = await envs.add({ name: 'Acme dev', kind: 'development', clientId: 'acme' });
    await expect(envs.credentials(dev.id)).rejects.toMatchObject({ appError: { code: 'missing_secret' } });
    const withSecret = await envs.setSecret(dev.id, SECRET);
    expect(withSecret.hasSecret).toBe(true);
    expect(JSON.stringify(withSecret)).not.toContain(SECRET);
    expect(settingsText()).not.toContain(SECRET);
    expect(await envs.credentials(dev.id)).toEqual({ clientId: 'acme', clientSecret: SECRET });

    expect((await envs.markVerified(dev.id)).lastVerifiedAt).toBe('1970-01-01T00:00:00.000Z');
    expect((await envs.update({ id: dev.id, name: 'Renamed' })).lastVerifiedAt).not.toBeNull();
    expect((await envs.update({ id: dev.id, clientId: 'other' })).lastVerifiedAt).toBeNull();

    await envs.remove(dev.id);
    expect(store.secrets.has(dev.id)).toBe(false);
  });

  it('refuses to change the built-in sandbox, duplicate names and unknown ids, saying why', async () => {
    const envs = await open();
    await expect(envs.setSecret('sandbox', 'x')).rejects.toMatchObject({ appError: { code: 'builtin_environment' } });
    await expect(envs.remove('sandbox')).rejects.toMatchObject({ appError: { code: 'builtin_environment' } });
    await envs.add({ name: 'Acme', kind: 'production', clientId: 'a' });
    await expect(envs.add({ name: ' acme ', kind: 'development', clientId: 'b' })).rejects.toMatchObject({
      appError: { code: 'invalid_input', key: 'name' },
    });
    await expect(envs.select('nope')).rejects.toMatchObject({ appError: { code: 'unknown_environment' } });
    await expect(
      envs.add({ name: 'Plain', kind: 'custom', baseUrl: 'http://connect.example.com', clientId: 'c' }),
    ).rejects.toMatchObject({ appError: { key: 'baseUrl' } });
    expect((await envs.list()).environments).toHaveLength(2);
  });

  it('still lists environments when the keychain is unreachable, and says so', async () => {
    const envs = await open();
    const dev = await envs.add({ name: 'Acme dev', kind: 'development', clientId: 'acme' });
    store.unavailable = true;
    const list = await envs.list();
    expect(list.environments.find((e) => e.id === dev.id)?.hasSecret).toBe(false);
    expect(list.problems).toEqual([expect.objectContaining({ code: 'keychain_unavailable' })]);
    await expect(envs.setSecret(dev.id, SECRET)).rejects.toMatchObject({ appError: { code: 'keychain_unavailable' } });
    await expect(envs.remove(dev.id)).rejects.toMatchObject({ appError: { code: 'keychain_unavailable' } });
    expect((await envs.list()).environments).toHaveLength(2);
  });

  it('adds an environment and its secret together, or neither', async () => {
    const envs = await open();
    store.unavailable = true;
    await expect(
      envs.add({ name: 'Acme dev', kind: 'development', clientId: 'acme', secret: SECRET }),
    ).rejects.toMatchObject({ appError: { code: 'keychain_unavailable', key: 'secret' } });
    expect((await envs.list()).environments.map((e) => e.name)).toEqual(['Sandbox']);

    store.unavailable = false;
    const added = await envs.add({ name: 'Acme dev', kind: 'development', clientId: 'acme', secret: SECRET });
    expect(added).toMatchObject({ name: 'Acme dev', hasSecret: true });
    expect(store.secrets.get(added.id)).toBe(SECRET);
    expect(settingsText()).not.toContain(SECRET);
  });

  it('takes the secret back out when the settings file cannot be written', async () => {
    const envs = await open();
    // A folder where the settings file goes: the atomic rename onto it fails.
    mkdirSync(join(dir.path, SETTINGS_FILE));
    await expect(
      envs.add({ name: 'Acme dev', kind: 'development', clientId: 'acme', secret: SECRET }),
    ).rejects.toBeInstanceOf(Error);
    expect(store.secrets.size).toBe(0);
    expect((await envs.list()).environments.map((e) => e.name)).toEqual(['Sandbox']);
  });

  it('answers an add without a secret as missing one, without asking an unreachable keychain', async () => {
    const envs = await open();
    store.unavailable = true;
    const added = await envs.add({ name: 'Acme dev', kind: 'development', clientId: 'acme' });
    expect(added).toMatchObject({ name: 'Acme dev', hasSecret: false });
  });

  it('reports a damaged settings file in the list, and keeps working from the readable part', async () => {
    writeFileSync(join(dir.path, SETTINGS_FILE), 'not json');
    const envs = await open();
    const list = await envs.list();
    expect(list.problems[0]).toMatchObject({ code: 'settings_unreadable' });
    await envs.add({ name: 'Fresh', kind: 'development', clientId: 'f' });
    expect(JSON.parse(settingsText()).environments).toHaveLength(1);
  });

  it('says the sandbox is off when the console runs without it', async () => {
    const envs = await open(null);
    expect((await envs.list()).environments[0]).toMatchObject({ id: 'sandbox', baseUrl: '', hasSecret: false });
    await expect(envs.credentials('sandbox')).rejects.toMatchObject({ appError: { code: 'sandbox_unavailable' } });
  });
});
