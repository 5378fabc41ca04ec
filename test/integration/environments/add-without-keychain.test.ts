import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyringCredentialStore } from '../../../electron/core/environments/keyring-store';
import type { EnvironmentView } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import { tempDir } from '../../support/temp-dir';

const SECRET = `add-secret-${process.pid}-51d2`;
const store = new KeyringCredentialStore('Last Mile Console test');

interface ChildOutput {
  answer: { ok: true; value: EnvironmentView } | { ok: false; error: AppError };
  listed: string[];
}

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

/** Adds "Acme dev" in a process of its own; `keychain: false` points it at a session bus nobody listens on. */
function addInChild(keychain: boolean): ChildOutput {
  const script = fileURLToPath(new URL('../../fixtures/add-environment.ts', import.meta.url));
  const env = keychain
    ? process.env
    : { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir.path, 'no-bus')}` };
  const child = spawnSync(process.execPath, ['--import', 'tsx', script, dir.path, 'Acme dev', SECRET], {
    encoding: 'utf8',
    env,
    timeout: 30_000,
  });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as ChildOutput;
}

describe('adding an environment when the keychain cannot be reached', () => {
  it('saves nothing, says so and what to do, and a retry with the keychain back succeeds', async () => {
    const failed = addInChild(false);
    expect(failed.answer.ok).toBe(false);
    const error = (failed.answer as { error: AppError }).error;
    expect(error).toMatchObject({ code: 'keychain_unavailable', key: 'secret' });
    expect(error.message).toMatch(
      /^Acme dev was not added, so nothing is half saved\. Could not save the client secret/,
    );
    expect(error.hint).toMatch(/Then add Acme dev again\.$/);
    expect(failed.listed).toEqual(['Sandbox']);
    const settings = join(dir.path, 'settings.json');
    if (existsSync(settings)) expect(readFileSync(settings, 'utf8')).not.toContain('Acme dev');
    expect(JSON.stringify(failed)).not.toContain(SECRET);

    const retried = addInChild(true);
    expect(retried.answer).toMatchObject({ ok: true, value: { name: 'Acme dev', hasSecret: true } });
    expect(retried.listed).toEqual(['Sandbox', 'Acme dev']);
    const id = (retried.answer as { value: EnvironmentView }).value.id;
    try {
      expect(await store.get(id)).toBe(SECRET);
      expect(readFileSync(settings, 'utf8')).not.toContain(SECRET);
    } finally {
      await store.delete(id);
    }
  });
});
