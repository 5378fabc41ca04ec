import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../electron/core/environments/settings-file';
import { SETTINGS_FILE, loadSettings, saveSettings } from '../../../electron/core/environments/settings-file';
import { tempDir } from '../../support/temp-dir';

const dev = {
  id: 'development-1',
  name: 'Acme dev',
  kind: 'development' as const,
  baseUrl: 'https://connect.dev.instacart.tools',
  clientId: 'acme',
  lastVerifiedAt: null,
};
const prod = { ...dev, id: 'production-1', name: 'Acme prod', kind: 'production' as const };

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const write = (text: string) => writeFileSync(join(dir.path, SETTINGS_FILE), text);
const files = () => readdirSync(dir.path).sort();

describe('settings.json', () => {
  it('keeps the watched folders of known environments and drops those of environments it does not have', async () => {
    write(
      JSON.stringify({
        version: 2,
        selectedId: 'sandbox',
        environments: [dev],
        watchFolders: { sandbox: 'exports/sandbox', 'development-1': 'exports/dev', 'gone-1': 'exports/gone' },
      }),
    );
    const loaded = await loadSettings(dir.path);
    expect(loaded.problem).toBeUndefined();
    expect(loaded.settings.watchFolders).toEqual({ sandbox: 'exports/sandbox', 'development-1': 'exports/dev' });
  });

  it('reports watched folders it cannot read and keeps the environments', async () => {
    write(JSON.stringify({ version: 2, selectedId: 'sandbox', environments: [dev], watchFolders: { sandbox: 7 } }));
    const loaded = await loadSettings(dir.path);
    expect(loaded.settings.environments).toEqual([dev]);
    expect(loaded.settings.watchFolders).toBeUndefined();
    expect(loaded.problem?.details).toEqual([expect.objectContaining({ message: expect.stringMatching(/watched/) })]);
  });

  it('starts with the sandbox selected when there is no file', async () => {
    expect(await loadSettings(dir.path)).toEqual({
      settings: { version: 2, selectedId: 'sandbox', environments: [] },
    });
  });

  it('round-trips through an atomic write that leaves no temporary file', async () => {
    const settings: Settings = { version: 2, selectedId: 'production-1', environments: [dev, prod] };
    await saveSettings(dir.path, settings);
    await saveSettings(dir.path, { ...settings, selectedId: 'development-1' });
    expect(files()).toEqual([SETTINGS_FILE]);
    expect((await loadSettings(dir.path)).settings).toEqual({ ...settings, selectedId: 'development-1' });
  });

  it('keeps a copy of a damaged file and says so, instead of losing it silently', async () => {
    write('{"version": 1, "environments": [');
    const loaded = await loadSettings(dir.path);
    expect(loaded.settings.environments).toEqual([]);
    expect(loaded.problem).toMatchObject({ code: 'settings_unreadable', message: expect.stringMatching(/damaged/) });
    const copies = files().filter((f) => f.startsWith(`${SETTINGS_FILE}.unreadable-`));
    expect(copies).toHaveLength(1);
    expect(readFileSync(join(dir.path, copies[0] ?? ''), 'utf8')).toBe('{"version": 1, "environments": [');
    expect(loaded.problem?.hint).toContain(copies[0]);
    await loadSettings(dir.path);
    expect(files().filter((f) => f.includes('.unreadable-'))).toHaveLength(1);
  });

  it('keeps every environment that can be read and names those that cannot', async () => {
    write(
      JSON.stringify({
        version: 1,
        selectedId: 'production-1',
        environments: [dev, { ...prod, baseUrl: 42 }, { name: 'half' }, { ...dev }],
      }),
    );
    const loaded = await loadSettings(dir.path);
    expect(loaded.settings.environments).toEqual([dev]);
    expect(loaded.settings.selectedId).toBe('sandbox');
    expect(loaded.problem?.message).toBe('3 environment(s) in the settings file could not be read.');
    expect(loaded.problem?.details?.map((d) => d.message)).toEqual([
      expect.stringMatching(/^Environment 2 \("Acme prod"\): baseUrl/),
      expect.stringMatching(/^Environment 3 \("half"\)/),
      'Environment 4 ("Acme dev"): a duplicate id',
    ]);
  });

  it('reads a version 1 file, written before environments had time zones, as it is', async () => {
    write(JSON.stringify({ version: 1, selectedId: 'production-1', environments: [dev, prod] }));
    const loaded = await loadSettings(dir.path);
    expect(loaded.problem).toBeUndefined();
    expect(loaded.settings).toEqual({ version: 2, selectedId: 'production-1', environments: [dev, prod] });
  });

  it('does not read a file from a newer version as if it were its own', async () => {
    write(JSON.stringify({ version: 9, selectedId: 'x', environments: [dev] }));
    const loaded = await loadSettings(dir.path);
    expect(loaded.settings.environments).toEqual([]);
    expect(loaded.problem?.message).toMatch(/newer version of the console \(format 9\)/);
  });

  it('reports a folder it cannot write to clearly, leaving the old file', async () => {
    await saveSettings(dir.path, { version: 2, selectedId: 'sandbox', environments: [dev] });
    const blocked = join(dir.path, SETTINGS_FILE, 'nested');
    await expect(saveSettings(blocked, { version: 2, selectedId: 'sandbox', environments: [] })).rejects.toMatchObject({
      appError: { code: 'settings_not_saved' },
    });
    expect((await loadSettings(dir.path)).settings.environments).toEqual([dev]);
  });
});
