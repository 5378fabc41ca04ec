import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { MAX_WATCH_FOLDER_PATH } from '../../../shared/limits';
import type { AppError } from '../../../shared/result';
import { CoreError } from '../core-error';
import { systemError } from '../system-errors';

export const SETTINGS_FILE = 'settings.json';
/** 2: environments gained their stores' time zones (optional, so a version 1 file reads as it is). */
export const SETTINGS_VERSION = 2;
const READABLE_VERSIONS: readonly number[] = [1, 2];
export const SANDBOX_ID = 'sandbox';

const storedEnvironment = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(80),
  kind: z.enum(['development', 'production', 'custom']),
  baseUrl: z.string().min(1).max(2048),
  clientId: z.string().min(1).max(256),
  lastVerifiedAt: z.string().nullable(),
  timeZone: z.string().min(1).max(64).optional(),
  storeTimeZones: z.record(z.string().min(1).max(64), z.string().min(1).max(64)).optional(),
});
export type StoredEnvironment = z.infer<typeof storedEnvironment>;

const watchFolders = z.record(z.string().min(1).max(64), z.string().min(1).max(MAX_WATCH_FOLDER_PATH));

/** What settings.json holds. No secret, ever: those are in the keychain. */
export interface Settings {
  version: typeof SETTINGS_VERSION;
  selectedId: string;
  environments: StoredEnvironment[];
  /**
   * The export folder watched per environment (the sandbox's too, so it is kept apart from the
   * environments). Optional, so the version stays 2: an older console reads the file and ignores it.
   */
  watchFolders?: Record<string, string>;
}

export interface LoadedSettings {
  settings: Settings;
  /** Set when the file could not be read in full: what was wrong and where the original was kept. */
  problem?: AppError;
}

export function defaultSettings(): Settings {
  return { version: SETTINGS_VERSION, selectedId: SANDBOX_ID, environments: [] };
}

function problem(message: string, keptAt: string, details: AppError[] = []): AppError {
  return {
    code: 'settings_unreadable',
    message,
    hint: `The original file was kept as ${keptAt}. Environments that could be read are shown; add the others again or fix the copy and put it back while the console is closed.`,
    ...(details.length ? { details } : {}),
  };
}

/**
 * Reads settings.json. A missing file means first start. A file that cannot be read in full is copied
 * aside before anything else happens, and every environment that can be read is kept, so nothing the
 * user set up is lost silently.
 */
export async function loadSettings(dataDir: string): Promise<LoadedSettings> {
  const path = join(dataDir, SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaultSettings() };
    throw systemError(error, { what: 'read the settings', path }, 'settings_unreadable');
  }
  // Named by content, so starting again with the same damaged file does not pile up copies.
  const keep = async () => {
    const keptAt = `${path}.unreadable-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
    await copyFile(path, keptAt);
    return keptAt;
  };

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const keptAt = await keep();
    return {
      settings: defaultSettings(),
      problem: problem(
        `The settings file is damaged (${(error as Error).message}); no environment could be read from it.`,
        keptAt,
      ),
    };
  }
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (typeof record.version === 'number' && record.version > SETTINGS_VERSION) {
    const keptAt = await keep();
    return {
      settings: defaultSettings(),
      problem: problem(
        `The settings file was written by a newer version of the console (format ${record.version}).`,
        keptAt,
      ),
    };
  }
  const list = Array.isArray(record.environments) ? record.environments : [];
  const environments: StoredEnvironment[] = [];
  const rejected: AppError[] = [];
  list.forEach((entry, index) => {
    const parsed = storedEnvironment.safeParse(entry);
    if (parsed.success && parsed.data.id !== SANDBOX_ID && !environments.some((e) => e.id === parsed.data.id)) {
      environments.push(parsed.data);
    } else {
      const name = (entry as { name?: unknown } | null)?.name;
      const what = parsed.success
        ? 'a duplicate id'
        : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      rejected.push({
        code: 'invalid_input',
        message: `Environment ${index + 1}${typeof name === 'string' ? ` ("${name}")` : ''}: ${what}`,
      });
    }
  });
  const selected = typeof record.selectedId === 'string' ? record.selectedId : SANDBOX_ID;
  const folders = watchFolders.safeParse(record.watchFolders ?? {});
  if (!folders.success) {
    rejected.push({ code: 'invalid_input', message: 'The watched export folders could not be read.' });
  }
  const known = new Set([SANDBOX_ID, ...environments.map((e) => e.id)]);
  const settings: Settings = {
    version: SETTINGS_VERSION,
    selectedId: selected === SANDBOX_ID || environments.some((e) => e.id === selected) ? selected : SANDBOX_ID,
    environments,
    ...(folders.success && Object.keys(folders.data).length
      ? { watchFolders: Object.fromEntries(Object.entries(folders.data).filter(([id]) => known.has(id))) }
      : {}),
  };
  const shapeBroken =
    !Array.isArray(record.environments) ||
    typeof record.version !== 'number' ||
    !READABLE_VERSIONS.includes(record.version);
  if (!rejected.length && !shapeBroken) return { settings };
  const keptAt = await keep();
  return {
    settings,
    problem: problem(
      rejected.length
        ? `${rejected.length} environment(s) in the settings file could not be read.`
        : 'The settings file is not in the expected format.',
      keptAt,
      rejected,
    ),
  };
}

/**
 * Replaces settings.json atomically: write a temporary file in the same folder, flush it to disk, then
 * rename it over the old one, so a crash or power loss leaves either the old file or the new, never half.
 */
export async function saveSettings(dataDir: string, settings: Settings): Promise<void> {
  const path = join(dataDir, SETTINGS_FILE);
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(settings, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await syncFolder(dirname(path));
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    const failure = systemError(error, { what: 'save the settings', path }, 'settings_not_saved').appError;
    throw new CoreError({ ...failure, hint: `${failure.hint ?? ''} Nothing was changed.`.trim() }, { cause: error });
  }
}

/** Makes the rename itself durable where the OS allows opening a folder (not on Windows). */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the file's own contents are already flushed.
  }
}
