import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Last Mile Console';

/**
 * The same folder Electron's app.getPath('userData') gives, so the desktop app and the browser host
 * share one cache and one settings file.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.LASTMILE_DATA_DIR) return env.LASTMILE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
