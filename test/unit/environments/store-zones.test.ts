import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Environments } from '../../../electron/core/environments/environments';
import { SANDBOX_TIME_ZONES } from '../../../electron/core/sandbox';
import { MemoryCredentialStore } from '../../support/memory-credential-store';
import { tempDir } from '../../support/temp-dir';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const open = () =>
  Environments.open({
    dataDir: dir.path,
    store: new MemoryCredentialStore(),
    clock: { now: () => 0 },
    sandbox: { baseUrl: 'http://127.0.0.1:9', clientId: 'id', clientSecret: 'secret', timeZones: SANDBOX_TIME_ZONES },
  });

describe("stores' time zones", () => {
  it('takes the built-in sandbox zones from what the sandbox declares: Pacific, and one store in New York', async () => {
    const envs = await open();
    expect(envs.zoneOf('sandbox', '1002')).toBe('America/Los_Angeles');
    expect(envs.zoneOf('sandbox', '2002')).toBe('America/New_York');
    expect(envs.zoneOf('sandbox', null)).toBe('America/Los_Angeles');
  });

  it('keeps a default zone and per-store overrides per environment, across a restart', async () => {
    const envs = await open();
    const added = await envs.add({
      name: 'Acme',
      kind: 'development',
      clientId: 'acme',
      timeZone: 'America/Chicago',
      storeTimeZones: { '77': 'America/Denver' },
    });
    expect(added).toMatchObject({ timeZone: 'America/Chicago', storeTimeZones: { '77': 'America/Denver' } });
    await envs.update({ id: added.id, storeTimeZones: { '77': 'America/Phoenix', ' 78 ': 'Pacific/Honolulu' } });
    const again = await open();
    expect(again.zoneOf(added.id, '77')).toBe('America/Phoenix');
    expect(again.zoneOf(added.id, '78')).toBe('Pacific/Honolulu');
    expect(again.zoneOf(added.id, '99')).toBe('America/Chicago');
  });

  it('refuses a zone the IANA list does not have, naming the field, and saves nothing', async () => {
    const envs = await open();
    await expect(
      envs.add({ name: 'Bad', kind: 'custom', baseUrl: 'https://x.test', clientId: 'x', timeZone: 'PST' }),
    ).rejects.toMatchObject({
      appError: { code: 'invalid_input', key: 'timeZone', hint: expect.stringContaining('America/Los_Angeles') },
    });
    const added = await envs.add({ name: 'Good', kind: 'development', clientId: 'x', timeZone: 'Europe/Paris' });
    await expect(envs.update({ id: added.id, storeTimeZones: { '5': 'Mars/Base' } })).rejects.toMatchObject({
      appError: { key: 'storeTimeZones', message: expect.stringContaining('Store 5:') },
    });
    expect((await envs.list()).environments.map((e) => e.name)).toEqual(['Sandbox', 'Good']);
    expect(envs.zoneOf(added.id, '5')).toBe('Europe/Paris');
  });
});
