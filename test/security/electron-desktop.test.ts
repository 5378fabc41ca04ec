import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DESKTOP_SETTINGS_FILE } from '../../electron/desktop/desktop-settings';
import { loadBuilderConfig } from './support/builder';
import type { RunningShell } from './support/electron-shell';
import { startShell } from './support/electron-shell';
import type { FakeElectron } from './support/fake-electron';
import { fakeEvent } from './support/fake-electron';

/**
 * The desktop parts of the built shell (dist-electron/main.cjs against the recording stand-in): links from
 * outside, the menu, crash reports, problem reports and updates.
 */

interface MenuItem {
  label?: string;
  role?: string;
  accelerator?: string;
  submenu?: MenuItem[];
  click?: () => void;
}

const eventually = <T>(read: () => T) => expect.poll(read, { timeout: 10_000, interval: 20 });

function menuItems(electron: FakeElectron): MenuItem[] {
  const walk = (items: MenuItem[]): MenuItem[] => items.flatMap((item) => [item, ...walk(item.submenu ?? [])]);
  return walk((electron.recorded.menu ?? []) as MenuItem[]);
}

function menuItem(electron: FakeElectron, label: string): MenuItem {
  const item = menuItems(electron).find((candidate) => candidate.label === label);
  if (!item) throw new Error(`no menu item "${label}"`);
  return item;
}

function sent(electron: FakeElectron, name: string): unknown[] {
  return (electron.windows[0]?.webContents.sent ?? []).filter(([channel]) => channel === name).map(([, p]) => p);
}

function pageLoaded(electron: FakeElectron): void {
  electron.windows[0]?.webContents.emit('did-finish-load');
}

describe('the desktop shell', () => {
  let running: RunningShell | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('shows live-status notices from the main process, silent, and opens the order when one is clicked', async () => {
    running = await startShell();
    const { electron } = running;
    pageLoaded(electron);
    // The first use imports the sandbox's export and asks Instacart about it: the watcher's attention
    // list gains the canceled and late orders it learns of, and says so on the desktop.
    await expect.poll(() => electron.notifications.length, { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
    const [notice] = electron.notifications;
    expect(notice!.options).toEqual({
      title: expect.stringMatching(/^Last Mile Console/),
      body: expect.any(String),
      silent: true,
    });
    expect(notice!.shown).toBe(1);
    // Never to the page: the main process shows them, the page has no permission to.
    expect(sent(electron, 'watch:notice')).toEqual([]);
    const orderId = String(notice!.options.body).split(/[: ]/)[0];
    notice!.click();
    expect(sent(electron, 'app:open-link')).toContainEqual({
      ok: true,
      link: { kind: 'order', environmentId: 'sandbox', orderId },
    });
    expect(electron.calls).toContain('window.focus');
    // Only Windows needs the app's user model id for its notices.
    expect(electron.calls.some((call) => call.startsWith('app.setAppUserModelId'))).toBe(process.platform === 'win32');
  }, 60_000);

  it('registers lastmile:// with the OS, at run time and in the installers', async () => {
    running = await startShell();
    expect(running.electron.recorded.protocolClients).toEqual([['lastmile']]);
    const builder = await loadBuilderConfig();
    expect(builder.protocols).toEqual([{ name: 'Last Mile Console link', schemes: ['lastmile'] }]);
  });

  it('hands a link from a second launch (Windows, Linux) to the page as app:open-link and comes forward', async () => {
    running = await startShell();
    const { electron } = running;
    pageLoaded(electron);
    const focusedBefore = electron.calls.filter((call) => call === 'window.focus').length;
    electron.app.emit('second-instance', fakeEvent(), [
      '/opt/lmc/last-mile-console',
      'lastmile://order/sandbox/ORD-1001',
    ]);
    expect(sent(electron, 'app:open-link')).toEqual([
      { ok: true, link: { kind: 'order', environmentId: 'sandbox', orderId: 'ORD-1001' } },
    ]);
    expect(electron.calls.filter((call) => call === 'window.focus').length).toBe(focusedBefore + 1);
  });

  it('hands a link from open-url (macOS) to the page, taking it from Electron', async () => {
    running = await startShell();
    const { electron } = running;
    pageLoaded(electron);
    const event = fakeEvent();
    electron.app.emit('open-url', event, 'lastmile://search?q=Main%20St');
    expect(event.defaultPrevented).toBe(true);
    expect(sent(electron, 'app:open-link')).toEqual([{ ok: true, link: { kind: 'search', query: 'Main St' } }]);
  });

  it('keeps a launch link until the page can hear it', async () => {
    running = await startShell({ argv: ['/opt/lmc/last-mile-console', 'lastmile://order/sandbox/ORD-7'] });
    const { electron } = running;
    expect(sent(electron, 'app:open-link')).toEqual([]);
    pageLoaded(electron);
    expect(sent(electron, 'app:open-link')).toEqual([
      { ok: true, link: { kind: 'order', environmentId: 'sandbox', orderId: 'ORD-7' } },
    ]);
  });

  it('refuses a malicious link with a message, and does nothing else', async () => {
    running = await startShell();
    const { electron } = running;
    pageLoaded(electron);
    const urlsBefore = electron.windows.flatMap((w) => w.urls);
    const hostile = [
      'lastmile://order/sandbox/..%2F..%2Fetc%2Fpasswd',
      'lastmile://order/sandbox/1/stage',
      'lastmile://settings?delete=all',
      `lastmile://search?q=${'x'.repeat(5000)}`,
    ];
    for (const link of hostile) electron.app.emit('second-instance', fakeEvent(), ['app', link]);
    electron.app.emit('open-url', fakeEvent(), 'javascript:alert(1)');
    electron.app.emit('second-instance', fakeEvent(), ['app', 'https://evil.example/']);
    const answers = sent(electron, 'app:open-link') as { ok: boolean; message: string }[];
    expect(answers).toHaveLength(5);
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, message: expect.any(String) });
    expect(electron.windows.flatMap((w) => w.urls)).toEqual(urlsBefore);
    expect(electron.openedExternally).toEqual([]);
    const log = readFileSync(join(running.dataDir, 'logs', 'console.log'), 'utf8');
    expect(log).toContain('link refused');
    expect(log).not.toContain('passwd');
  });

  it('keeps crash reports on the machine, started before the app is ready', async () => {
    running = await startShell();
    const { electron } = running;
    expect(electron.recorded.crashReporter).toMatchObject({ uploadToServer: false });
    expect(electron.recorded.crashReporter).not.toHaveProperty('submitURL');
    expect(electron.calls.indexOf('crashReporter.start')).toBeLessThan(electron.calls.indexOf('app.whenReady'));
  });

  it('has its own menu: the console shortcuts send app:command, and developer tools only unpackaged', async () => {
    running = await startShell();
    const dev = running.electron;
    expect(menuItems(dev).map((item) => item.role)).toContain('toggleDevTools');
    const searchItem = menuItem(dev, 'Search (or /)');
    expect(searchItem.accelerator).toBe('CmdOrCtrl+F');
    searchItem.click?.();
    menuItem(dev, 'New order').click?.();
    expect(sent(dev, 'app:command')).toEqual([{ command: 'search' }, { command: 'create-order' }]);
    await running.close();

    running = await startShell({ isPackaged: true });
    const roles = menuItems(running.electron).map((item) => item.role);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
    expect(roles).toContain('copy');
    expect(menuItems(running.electron).map((item) => item.label)).not.toContain('Check for updates…');
  });

  it('writes a problem report where the user chooses, with versions and the log, and shows it', async () => {
    running = await startShell({ version: '1.2.3' });
    const { electron, dataDir } = running;
    const target = join(dataDir, 'report.txt');
    electron.nextSavePath = target;
    menuItem(electron, 'Report a problem…').click?.();
    await eventually(() => electron.shownInFolder).toEqual([target]);
    const save = electron.dialogs.find((d) => d.kind === 'save');
    expect(save?.options.defaultPath).toMatch(/downloads[/\\]last-mile-console-report-.*\.txt$/);
    const report = readFileSync(target, 'utf8');
    expect(report).toMatch(/^version: 1\.2\.3$/m);
    expect(report).toMatch(/^os: \w+/m);
    expect(report).toMatch(/core started/);

    electron.nextSavePath = null;
    menuItem(electron, 'Report a problem…').click?.();
    await eventually(() => electron.dialogs.filter((d) => d.kind === 'save').length).toBe(2);
    expect(electron.shownInFolder).toEqual([target]);
  });

  it('never checks for updates without a feed URL', async () => {
    running = await startShell();
    const updater = running.electron.updaterModule.autoUpdater;
    expect(updater.feeds).toEqual([]);
    expect(updater.checks).toBe(0);
  });

  it('checks the configured feed, and restarts into a downloaded update only when the user says so', async () => {
    const url = 'https://updates.example.com/last-mile-console';
    running = await startShell({
      beforeStart: (dir) => writeFileSync(join(dir, DESKTOP_SETTINGS_FILE), JSON.stringify({ updateFeedUrl: url })),
    });
    const { electron } = running;
    const updater = electron.updaterModule.autoUpdater;
    expect(updater.feeds).toEqual([{ provider: 'generic', url }]);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    await eventually(() => updater.checks).toBe(1);
    menuItem(electron, 'Check for updates…').click?.();
    await eventually(() => updater.checks).toBe(2);

    electron.nextMessageBoxResponse = 1;
    updater.emit('update-downloaded', { version: '0.2.0' });
    await eventually(() => electron.dialogs.filter((d) => d.kind === 'message').length).toBe(1);
    expect(electron.dialogs[0]?.options.message).toMatch(/0\.2\.0 is ready/);
    expect(updater.installs).toBe(0);

    electron.nextMessageBoxResponse = 0;
    updater.emit('update-downloaded', { version: '0.2.0' });
    await eventually(() => updater.installs).toBe(1);
  });

  it('ignores a feed that is not https, and says so in the log', async () => {
    running = await startShell({
      beforeStart: (dir) => {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, DESKTOP_SETTINGS_FILE), JSON.stringify({ updateFeedUrl: 'http://evil.example/' }));
      },
    });
    expect(running.electron.updaterModule.autoUpdater.feeds).toEqual([]);
    const log = join(running.dataDir, 'logs', 'console.log');
    expect(existsSync(log) && readFileSync(log, 'utf8')).toMatch(/desktop-settings\.json ignored: .*https/);
  });
});
