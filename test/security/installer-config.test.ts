import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../electron/launch/paths';
import type { BuilderConfig } from './support/builder';
import {
  electronBuilderBin,
  FuseV1Options,
  fuseWireFor,
  loadBuilderConfig,
  validateBuilderConfig,
} from './support/builder';
import { RELEASE_FUSES } from './support/release-fuses';

const run = promisify(execFile);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The keys of an entitlements plist that are set to true. */
function grantedEntitlements(file: string): string[] {
  const xml = readFileSync(file, 'utf8');
  return [...xml.matchAll(/<key>([^<]+)<\/key>\s*<true\s*\/>/g)].map((m) => m[1] ?? '');
}

describe('the installer configuration (electron-builder.yml)', () => {
  let config: BuilderConfig;

  beforeAll(async () => {
    config = await loadBuilderConfig();
  });

  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateBuilderConfig(config)).resolves.toBeUndefined();
  });

  it('is judged by a validation that does reject a misspelt option', async () => {
    await expect(validateBuilderConfig({ ...config, electronFuses: { runAsNod: false } })).rejects.toThrow(
      /electronFuses/,
    );
    await expect(validateBuilderConfig({ ...config, mac: { hardenedRuntim: true } })).rejects.toThrow(/mac/);
  });

  it('names the product and builds dmg + zip, nsis, AppImage + deb', () => {
    expect(config.productName).toBe('Last Mile Console');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.maintainer).toMatch(/<[^@\s]+@[^@\s]+>/);
    expect(config.linux?.category).toBeTruthy();
  });

  it('signs macOS with the hardened runtime and only the JIT entitlement', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    for (const key of ['entitlements', 'entitlementsInherit'] as const) {
      const file = join(repoRoot, String(config.mac?.[key]));
      expect(existsSync(file), `${key} file`).toBe(true);
      expect(grantedEntitlements(file)).toEqual(['com.apple.security.cs.allow-jit']);
    }
  });

  it('packs only the bundles and keeps the native modules outside the asar', () => {
    const patterns = (config.files ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.filter));
    expect(patterns).toEqual(['dist-electron/**', 'dist/renderer/**', 'package.json', '!**/*.map']);
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main.startsWith('dist-electron/')).toBe(true);
    for (const built of [pkg.main, 'dist-electron/preload.cjs', 'dist/renderer/index.html']) {
      expect(existsSync(join(repoRoot, built)), `${built} (run npm run build)`).toBe(true);
    }
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/@napi-rs/keyring*/**']),
    );
    expect(config.npmRebuild).toBe(true);
  });

  it('decides every fuse Electron offers, and electron-builder maps each one as intended', async () => {
    const fuseNames = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(fuseNames.sort()).toEqual(Object.keys(RELEASE_FUSES).sort());
    const wire = await fuseWireFor(config.electronFuses ?? {});
    for (const [name, fuse] of Object.entries(RELEASE_FUSES)) {
      expect(config.electronFuses?.[fuse.configKey], `${fuse.configKey} (${fuse.why})`).toBe(fuse.enabled);
      expect(wire[String(FuseV1Options[name])], `${name} on the wire`).toBe(fuse.enabled);
    }
  });

  it('has an icon of at least 512x512 for electron-builder to derive .icns and .ico from', () => {
    const size = pngSize(join(repoRoot, config.directories?.buildResources ?? 'build', 'icon.png'));
    expect(size.width).toBe(size.height);
    expect(size.width).toBeGreaterThanOrEqual(512);
  });

  it('has a working electron-builder command line', async () => {
    const { stdout } = await run(electronBuilderBin, ['--help'], { cwd: repoRoot });
    expect(stdout).toContain('--config');
    expect(stdout).toContain('--prepackaged');
  });
});
