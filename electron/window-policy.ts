/**
 * The Electron shell's security decisions as plain data and functions, so they are tested in Node
 * and read by the security checklist test; main.ts only applies them.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'lastmile';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Hosts the console may open in the user's browser (order pages, the vendor's documentation). */
export const EXTERNAL_HOST_ALLOW_LIST: readonly string[] = [
  'connect.instacart.com',
  'connect.dev.instacart.tools',
  'docs.instacart.com',
  'www.instacart.com',
  'instacart.com',
];

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
} as const;

/** True only for pages of the console itself, served by its own protocol. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** https only, no credentials in the URL, and a host on the allow list. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      parsed.username === '' &&
      parsed.password === '' &&
      EXTERNAL_HOST_ALLOW_LIST.includes(parsed.hostname)
    );
  } catch {
    return false;
  }
}
