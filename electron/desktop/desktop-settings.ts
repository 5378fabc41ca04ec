import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../core/log/logger';

/** Settings of the installed app itself (not of an environment), in `desktop-settings.json` in the data folder. */
export const DESKTOP_SETTINGS_FILE = 'desktop-settings.json';

const feedUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => value === '' || /^https:\/\/[^\s/]+/i.test(value), 'The update feed must be an https:// URL.');

const desktopSettings = z.object({
  /** Where electron-updater's generic provider finds `latest.yml`; empty: the console never checks for updates. */
  updateFeedUrl: feedUrl.default(''),
});

export type DesktopSettings = z.output<typeof desktopSettings>;

/** A missing file is the defaults; a bad one is logged and ignored rather than stopping the console. */
export function readDesktopSettings(dataDir: string, logger: Logger): DesktopSettings {
  let text: string;
  try {
    text = readFileSync(join(dataDir, DESKTOP_SETTINGS_FILE), 'utf8');
  } catch {
    return desktopSettings.parse({});
  }
  try {
    const parsed = desktopSettings.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    logger.warn(`${DESKTOP_SETTINGS_FILE} ignored: ${parsed.error.issues[0]?.message ?? 'not valid'}`);
  } catch {
    logger.warn(`${DESKTOP_SETTINGS_FILE} ignored: it is not JSON`);
  }
  return desktopSettings.parse({});
}
