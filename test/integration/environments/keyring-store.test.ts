import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KeyringCredentialStore } from '../../../electron/core/environments/keyring-store';
import { tempDir } from '../../support/temp-dir';

/** A service name of its own, so tests run on a desktop never touch the console's real entries. */
const store = new KeyringCredentialStore('Last Mile Console test');

describe('the keychain credential store (real Secret Service)', () => {
  it('saves, reads, replaces and deletes a secret', async () => {
    const id = `env-${process.pid}-${Date.now()}`;
    expect(await store.get(id)).toBeNull();
    await store.set(id, 's3cret-ünïcode-✓');
    expect(await store.get(id)).toBe('s3cret-ünïcode-✓');
    await store.set(id, 'rotated');
    expect(await store.get(id)).toBe('rotated');
    expect(await store.delete(id)).toBe(true);
    expect(await store.get(id)).toBeNull();
    expect(await store.delete(id)).toBe(false);
  });

  it('keeps secrets of different environments apart', async () => {
    const a = `a-${process.pid}-${Date.now()}`;
    const b = `b-${process.pid}-${Date.now()}`;
    await store.set(a, 'secret-a');
    await store.set(b, 'secret-b');
    expect([await store.get(a), await store.get(b)]).toEqual(['secret-a', 'secret-b']);
    await store.delete(a);
    expect(await store.get(b)).toBe('secret-b');
    await store.delete(b);
  });

  it('says clearly that no keychain is reachable, and never falls back to another store', () => {
    const dir = tempDir();
    try {
      const probe = fileURLToPath(new URL('../../fixtures/keychain-probe.ts', import.meta.url));
      const child = spawnSync(process.execPath, ['--import', 'tsx', probe], {
        encoding: 'utf8',
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir.path, 'no-bus')}` },
        timeout: 20_000,
      });
      const result = JSON.parse(child.stdout) as { error?: { code: string; message: string; hint: string } };
      expect(result.error?.code).toBe('keychain_unavailable');
      expect(result.error?.message).toMatch(/Could not save the client secret: the Secret Service .* is not reachable/);
      expect(result.error?.hint).toMatch(/never stores secrets in a file/);
      expect(child.stdout).not.toContain('never-written-anywhere');
    } finally {
      dir.remove();
    }
  });
});
