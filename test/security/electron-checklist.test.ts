import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDist } from '../../electron/launch/paths';
import { checkBaseUrl, PRESET_URLS } from '../../electron/core/environments/base-url';
import { CONTENT_SECURITY_POLICY } from '../../electron/security-headers';
import { APP_SCHEME, APP_START_URL } from '../../electron/window-policy';
import { channelNames } from '../../shared/contract';
import type { BuilderConfig } from './support/builder';
import { loadBuilderConfig } from './support/builder';
import { electronVersions, supportedMajors } from './support/electron-support';
import type { RunningShell } from './support/electron-shell';
import { runPreload, startShell } from './support/electron-shell';
import type { FakeElectron, FakeWebContents } from './support/fake-electron';
import { fakeEvent } from './support/fake-electron';
import { RELEASE_FUSES } from './support/release-fuses';
import { findInSources } from './support/sources';
import { exposedApiChecks } from './support/preload-checks';

/**
 * Electron's security checklist (electronjs.org/docs/latest/tutorial/security, "Checklist: Security
 * recommendations", 20 items, titles as the docs write them), each checked against the built shell
 * (dist-electron/main.cjs and preload.cjs run against a recording stand-in for the electron module),
 * the sources and the installer configuration.
 */

interface Context {
  shell: FakeElectron;
  preload: FakeElectron;
  prefs: Record<string, unknown>;
  contents: FakeWebContents;
  builder: BuilderConfig;
}

type Status = 'applied' | 'not applicable';

interface Item {
  title: string;
  status: Status;
  /** How the test checks it; for "not applicable", why. */
  how: string;
  check(ctx: Context): void | Promise<void>;
}

const ATTACK_URLS = [
  'https://evil.example/',
  'http://127.0.0.1:1/',
  'file:///etc/passwd',
  'app://lastmile.evil.example/index.html',
  'app://evil/index.html',
  'javascript:alert(1)',
];

function navigationPrevented(contents: FakeWebContents, eventName: string, url: string): boolean {
  const event = fakeEvent();
  contents.emit(eventName, event, url);
  return event.defaultPrevented;
}

function noneIn(pattern: RegExp, dirs?: readonly string[]): void {
  expect(findInSources(pattern, dirs)).toEqual([]);
}

function builtRendererText(): string {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [readFileSync(join(dir, e.name), 'utf8')],
    );
  return walk(rendererDist).join('\n');
}

function cspDirectives(): Map<string, string[]> {
  return new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

const CHECKLIST: Item[] = [
  {
    title: 'Only load secure content',
    status: 'applied',
    how:
      'the window loads only app://lastmile/index.html; the CSP allows no network scheme; no http(s) src/href in ' +
      'the built page; the API presets are https and plain http is refused except to this machine',
    check({ shell }) {
      for (const preset of Object.values(PRESET_URLS)) expect(preset).toMatch(/^https:\/\//);
      expect(() => checkBaseUrl('http://connect.example.com')).toThrow(/plain HTTP/);
      expect(checkBaseUrl('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
      expect(shell.windows.flatMap((w) => w.urls)).toEqual([APP_START_URL]);
      for (const sources of cspDirectives().values()) {
        for (const source of sources) expect(["'self'", "'none'", 'data:']).toContain(source);
      }
      expect(readFileSync(join(rendererDist, 'index.html'), 'utf8')).not.toMatch(/(src|href)\s*=\s*["']?\s*https?:/i);
    },
  },
  {
    title: 'Disable the Node.js integration in all renderers that display remote content',
    status: 'applied',
    how: 'the only window has nodeIntegration, nodeIntegrationInWorker and nodeIntegrationInSubFrames off; no source turns any on',
    check({ prefs }) {
      expect(prefs).toMatchObject({
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
      });
      noneIn(/nodeIntegration\w*\s*:\s*true/);
    },
  },
  {
    title: 'Enable context isolation in all renderers',
    status: 'applied',
    how: 'contextIsolation: true on the window; no source turns it off',
    check({ prefs }) {
      expect(prefs.contextIsolation).toBe(true);
      noneIn(/contextIsolation\s*:\s*false/);
    },
  },
  {
    title: 'Enable process sandboxing',
    status: 'applied',
    how: 'sandbox: true on the window and app.enableSandbox() before ready; no --no-sandbox switch',
    check({ prefs, shell }) {
      expect(prefs.sandbox).toBe(true);
      expect(shell.calls.indexOf('app.enableSandbox')).toBeGreaterThanOrEqual(0);
      expect(shell.calls.indexOf('app.enableSandbox')).toBeLessThan(shell.calls.indexOf('app.whenReady'));
      noneIn(/sandbox\s*:\s*false|no-sandbox|appendSwitch/, ['electron']);
    },
  },
  {
    title: 'Use `ses.setPermissionRequestHandler()` in all sessions that load remote content',
    status: 'applied',
    how: 'the default session (the only one) denies every permission request and check',
    check({ shell }) {
      for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
        let granted: boolean | undefined;
        shell.permissionRequestHandler?.({}, permission, (answer) => (granted = answer));
        expect(granted, permission).toBe(false);
        expect(shell.permissionCheckHandler?.({}, permission), permission).toBe(false);
      }
      noneIn(/fromPartition|partition\s*:/, ['electron']);
    },
  },
  {
    title: 'Do not disable `webSecurity`',
    status: 'applied',
    how: 'webSecurity: true on the window; no source disables it',
    check({ prefs }) {
      expect(prefs.webSecurity).toBe(true);
      noneIn(/webSecurity\s*:\s*false|disablewebsecurity/i);
    },
  },
  {
    title: "Define a `Content-Security-Policy` and use restrictive rules (i.e. `script-src 'self'`)",
    status: 'applied',
    how: "the app:// handler serves the page with the CSP header: default-src 'none', script-src 'self', no unsafe-*",
    async check({ shell }) {
      const response = await shell.protocolHandlers.get(APP_SCHEME)?.({ url: APP_START_URL });
      expect(response?.status).toBe(200);
      expect(response?.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      const csp = cspDirectives();
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*/);
    },
  },
  {
    title: 'Do not enable `allowRunningInsecureContent`',
    status: 'applied',
    how: 'allowRunningInsecureContent: false on the window; no source enables it',
    check({ prefs }) {
      expect(prefs.allowRunningInsecureContent).toBe(false);
      noneIn(/allowRunningInsecureContent\s*:\s*true/);
    },
  },
  {
    title: 'Do not enable experimental features',
    status: 'applied',
    how: 'experimentalFeatures: false on the window; no source enables it',
    check({ prefs }) {
      expect(prefs.experimentalFeatures).toBe(false);
      noneIn(/experimentalFeatures\s*:\s*true/);
    },
  },
  {
    title: 'Do not use `enableBlinkFeatures`',
    status: 'applied',
    how: "enableBlinkFeatures is '' on the window; no source or switch sets one",
    check({ prefs }) {
      expect(prefs.enableBlinkFeatures ?? '').toBe('');
      noneIn(/enableBlinkFeatures\s*:\s*['"`][^'"`]|enable-blink-features/);
    },
  },
  {
    title: '`<webview>`: Do not use `allowpopups`',
    status: 'not applicable',
    how: 'the console has no <webview>: webviewTag is off and neither the sources nor the built renderer contain one',
    check({ prefs }) {
      expect(prefs.webviewTag).toBe(false);
      noneIn(/<webview|allowpopups/i, ['renderer']);
      expect(builtRendererText()).not.toMatch(/<webview|allowpopups/i);
    },
  },
  {
    title: '`<webview>`: Verify options and params',
    status: 'applied',
    how: 'every web contents prevents will-attach-webview outright (and webviewTag is off)',
    check({ contents, prefs }) {
      const event = fakeEvent();
      contents.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://evil.example/' });
      expect(event.defaultPrevented).toBe(true);
      expect(prefs.webviewTag).toBe(false);
    },
  },
  {
    title: 'Disable or limit navigation',
    status: 'applied',
    how: 'will-navigate and will-redirect allow only app://lastmile/ and prevent every attack URL tried',
    check({ contents }) {
      for (const eventName of ['will-navigate', 'will-redirect']) {
        expect(navigationPrevented(contents, eventName, APP_START_URL), eventName).toBe(false);
        for (const url of ATTACK_URLS) expect(navigationPrevented(contents, eventName, url), url).toBe(true);
      }
    },
  },
  {
    title: 'Disable or limit creation of new windows',
    status: 'applied',
    how: "the window open handler answers { action: 'deny' } for every URL, the console's own included",
    check({ contents }) {
      for (const url of [APP_START_URL, 'https://connect.instacart.com/', ...ATTACK_URLS]) {
        expect(contents.windowOpenHandler?.({ url }), url).toEqual({ action: 'deny' });
      }
    },
  },
  {
    title: 'Do not use `shell.openExternal` with untrusted content',
    status: 'applied',
    how: 'the single openExternal call is guarded by the https host allow list; hostile URLs tried never reach it',
    check({ contents, shell }) {
      const hostile = [
        ...ATTACK_URLS,
        'smb://evil.example/share',
        'ms-msdt:/id PCWDiagnostic',
        'http://connect.instacart.com/',
        'https://connect.instacart.com.evil.example/',
        'https://user:password@connect.instacart.com/',
      ];
      const before = shell.openedExternally.length;
      for (const url of hostile) contents.windowOpenHandler?.({ url });
      expect(shell.openedExternally.slice(before)).toEqual([]);
      contents.windowOpenHandler?.({ url: 'https://connect.instacart.com/orders/1' });
      expect(shell.openedExternally.slice(before)).toEqual(['https://connect.instacart.com/orders/1']);
      const calls = findInSources(/openExternal\(/);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatch(/^electron\/main\.ts:\d+: if \(isAllowedExternalUrl\(url\)\)/);
    },
  },
  {
    title: 'Use a current version of Electron',
    status: 'applied',
    how: 'electron is pinned exactly, installed as pinned, packaged as installed, and one of the three supported majors',
    check({ builder }) {
      const { pinned, installed } = electronVersions();
      expect(pinned, 'electron is pinned to an exact version').toBe(installed);
      expect('electronVersion' in builder, 'the installers package the installed Electron').toBe(false);
      const supported = supportedMajors(Date.now());
      expect(supported, `Electron ${installed} is out of support: move to one of ${supported.join(', ')}`).toContain(
        Number(installed.split('.')[0]),
      );
    },
  },
  {
    title: 'Validate the `sender` of all IPC messages',
    status: 'applied',
    how: 'every channel is registered through the dispatcher, which refuses any frame that is not app://lastmile/',
    async check({ shell }) {
      expect([...shell.ipcHandlers.keys()].sort()).toEqual([...channelNames].sort());
      const infoHandler = shell.ipcHandlers.get('app:info');
      expect(await infoHandler?.({ senderFrame: { url: APP_START_URL } }, undefined)).toMatchObject({ ok: true });
      for (const senderFrame of [null, { url: 'https://evil.example/' }, { url: 'app://lastmile.evil.example/' }]) {
        expect(await infoHandler?.({ senderFrame }, undefined)).toMatchObject({
          ok: false,
          error: { code: 'untrusted_sender' },
        });
      }
    },
  },
  {
    title: 'Avoid usage of the `file://` protocol and prefer usage of custom protocols',
    status: 'applied',
    how: 'pages come from the privileged app:// scheme (no CSP bypass), which refuses paths outside the build; no file:// or loadFile',
    async check({ shell, builder }) {
      expect(shell.privilegedSchemes).toEqual([
        { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
      ]);
      for (const path of ['/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%5c..%5cpackage.json']) {
        const response = await shell.protocolHandlers.get(APP_SCHEME)?.({ url: `app://lastmile${path}` });
        expect(await response?.text(), path).not.toContain('"devDependencies"');
      }
      noneIn(/loadFile\(|file:\/\//, ['electron']);
      expect(builder.electronFuses?.grantFileProtocolExtraPrivileges).toBe(false);
    },
  },
  {
    title: 'Check which fuses you can change',
    status: 'applied',
    how: 'electron-builder.yml sets every fuse as the release table requires (see installer-config.test.ts)',
    check({ builder }) {
      for (const fuse of Object.values(RELEASE_FUSES)) {
        expect(builder.electronFuses?.[fuse.configKey], fuse.configKey).toBe(fuse.enabled);
      }
    },
  },
  {
    title: 'Do not expose Electron APIs to untrusted web content',
    status: 'applied',
    how: 'the preload exposes one function per contract channel/event, forwards only (channel, input), hands listeners only the payload, and leaks no ipcRenderer',
    check({ preload }) {
      exposedApiChecks(preload);
    },
  },
];

describe("Electron's security checklist", () => {
  const ctx = {} as Context;
  let running: RunningShell;

  beforeAll(async () => {
    running = await startShell();
    const window = running.electron.windows[0];
    ctx.shell = running.electron;
    ctx.prefs = (window?.options.webPreferences ?? {}) as Record<string, unknown>;
    ctx.contents = running.electron.createWebContents();
    ctx.preload = runPreload();
    ctx.builder = await loadBuilderConfig();
  });
  afterAll(() => running?.close());

  it('covers the 20 recommendations of the current tutorial, each with how it is checked', () => {
    expect(CHECKLIST).toHaveLength(20);
    for (const item of CHECKLIST) expect(item.how.length, item.title).toBeGreaterThan(20);
  });

  it.each(CHECKLIST.map((item, index) => [`${index + 1}. ${item.title} (${item.status})`, item] as const))(
    '%s',
    async (_name, item) => {
      await item.check(ctx);
    },
  );
});
