import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../../../electron/launch/paths';

/**
 * electron-builder's own configuration loader, schema validation and fuse mapping, loaded from the
 * installed electron-builder so the tests judge the config exactly as `npm run dist` would.
 */
const fromBuilder = createRequire(createRequire(join(repoRoot, 'package.json')).resolve('electron-builder'));
const fromLib = createRequire(fromBuilder.resolve('app-builder-lib'));

export interface BuilderConfig {
  appId?: string;
  productName?: string;
  /** Normalised by the loader into file sets. */
  files?: (string | { filter: string[] })[];
  asar?: boolean;
  asarUnpack?: string[];
  npmRebuild?: boolean;
  electronFuses?: Record<string, boolean>;
  mac?: Record<string, unknown>;
  win?: Record<string, unknown>;
  nsis?: Record<string, unknown>;
  linux?: Record<string, unknown>;
  directories?: { output?: string; buildResources?: string };
  protocols?: { name: string; schemes: string[] }[];
}

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
}

const configModule = fromLib('app-builder-lib/out/util/config/config') as ConfigModule;
const { DebugLogger } = fromLib('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const { PlatformPackager } = fromBuilder('app-builder-lib') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } };
};
export const { FuseV1Options } = fromLib('@electron/fuses') as { FuseV1Options: Record<string, number | string> };

export const BUILDER_CONFIG_FILE = 'electron-builder.yml';

export function loadBuilderConfig(file = BUILDER_CONFIG_FILE): Promise<BuilderConfig> {
  return configModule.getConfig(repoRoot, file, null);
}

/** Throws electron-builder's own message when the config does not match its schema. */
export function validateBuilderConfig(config: unknown): Promise<void> {
  return configModule.validateConfiguration(config, new DebugLogger(false));
}

/** The fuse wire electron-builder would write for these options: FuseV1Options index -> enabled. */
export async function fuseWireFor(fuses: Record<string, boolean>): Promise<Record<string, unknown>> {
  return PlatformPackager.prototype.generateFuseConfig.call({}, fuses);
}

export const electronBuilderBin = join(repoRoot, 'node_modules', '.bin', 'electron-builder');
