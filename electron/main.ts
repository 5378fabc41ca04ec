import {
  app,
  BrowserWindow,
  crashReporter,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  session,
  shell,
} from 'electron';
import { autoUpdater } from 'electron-updater';
import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { arch, release } from 'node:os';
import { join, resolve } from 'node:path';
import type { EventName, EventPayload } from '../shared/contract';
import { channelNames } from '../shared/contract';
import { DEEP_LINK_SCHEME, deepLinkInArgs, parseDeepLink } from '../shared/deep-link';
import type { Core } from './core/create-core';
import { createCore } from './core/create-core';
import { createFileLogger } from './core/log/logger';
import { APP_USER_MODEL_ID, desktopNotices } from './desktop/desktop-notices';
import { readDesktopSettings } from './desktop/desktop-settings';
import { menuTemplate } from './desktop/menu-template';
import { problemReport, REPORT_LOG_LINES, reportFileName } from './desktop/problem-report';
import { CHECK_EVERY_MS, startUpdates } from './desktop/updates';
import { createDispatcher, logBugs } from './ipc/register';
import { PAGE_HEADERS } from './security-headers';
import { readStaticFile } from './static-files';
import { APP_SCHEME, APP_START_URL, SECURE_WEB_PREFERENCES, isAllowedExternalUrl, isAppUrl } from './window-policy';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
// Crash dumps stay on this machine; "Report a problem" tells the user where they are.
crashReporter.start({ uploadToServer: false, compress: true, ignoreSystemCrashHandler: false });
app.setAppLogsPath();
const logger = createFileLogger({ dir: app.getPath('logs') });

let mainWindow: BrowserWindow | null = null;
let pageReady = false;
/** Links that arrived before the page could hear them (a launch by a link, macOS open-url before ready). */
const pendingLinks: string[] = [];

function send<K extends EventName>(name: K, payload: EventPayload<K>): void {
  mainWindow?.webContents.send(name, payload);
}

function bringForward(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** A link from outside is parsed here and handed over as data; the page decides, and never acts silently. */
function openLink(raw: string): void {
  if (!pageReady) {
    pendingLinks.push(raw);
    // macOS: the app may be running with its window closed.
    if (!mainWindow && app.isReady()) mainWindow = createWindow();
    return;
  }
  const result = parseDeepLink(raw);
  // Never the link itself: a search link may carry a customer's name or phone.
  logger.info(result.ok ? `link opened: ${result.link.kind}` : 'link refused');
  send('app:open-link', result);
  bringForward();
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Last Mile Console',
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, 'preload.cjs') },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    pageReady = false;
  });
  window.webContents.on('did-finish-load', () => {
    pageReady = true;
    for (const link of pendingLinks.splice(0)) openLink(link);
  });
  void window.loadURL(APP_START_URL);
  return window;
}

function registerProtocolClient(): void {
  // Unpackaged (`electron .`), Windows and Linux start the app with the script as an argument.
  const registered =
    process.defaultApp && process.argv[1]
      ? app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1])])
      : app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  if (!registered) logger.warn(`could not register as the handler of ${DEEP_LINK_SCHEME}:// links`);
}

function countFiles(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true }).length;
  } catch {
    return 0;
  }
}

async function chooseFolder(): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Choose the folder the back office drops its exports into',
    properties: ['openDirectory'],
  };
  const choice = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return choice.canceled ? null : (choice.filePaths[0] ?? null);
}

async function reportProblem(): Promise<void> {
  const now = Date.now();
  const options = {
    title: 'Save a problem report',
    defaultPath: join(app.getPath('downloads'), reportFileName(now)),
    filters: [{ name: 'Text', extensions: ['txt'] }],
  };
  const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return;
  const crashDir = app.getPath('crashDumps');
  const text = problemReport({
    appName: app.getName(),
    version: app.getVersion(),
    electron: process.versions.electron ?? 'unknown',
    os: `${process.platform} ${release()} ${arch()}`,
    logLines: logger.tail(REPORT_LOG_LINES),
    crashReports: countFiles(crashDir),
    crashDir,
    now,
  });
  try {
    await writeFile(choice.filePath, text, { mode: 0o600 });
  } catch (error) {
    logger.error('problem report not written', error);
    await dialog.showMessageBox({
      type: 'error',
      message: 'The report could not be saved there; choose another folder.',
    });
    return;
  }
  logger.info('problem report written');
  shell.showItemInFolder(choice.filePath);
}

function setUpUpdates(core: Core): (() => void) | null {
  const updates = startUpdates({
    updater: autoUpdater,
    feedUrl: readDesktopSettings(app.getPath('userData'), logger).updateFeedUrl,
    runningWork: () => core.runningWork(),
    logger,
    ask: async (version) => {
      const answer = await dialog.showMessageBox({
        type: 'question',
        buttons: ['Restart now', 'Later'],
        defaultId: 0,
        cancelId: 1,
        message: `Last Mile Console ${version} is ready to install.`,
        detail: 'The console restarts to install it.',
      });
      return answer.response === 0;
    },
  });
  if (!updates) return null;
  void updates.check();
  setInterval(() => void updates.check(), CHECK_EVERY_MS).unref();
  return () => void updates.check();
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerProtocolClient();
  const launchLink = deepLinkInArgs(process.argv);
  if (launchLink) pendingLinks.push(launchLink);
  await app.whenReady();

  const rendererDir = join(__dirname, '..', 'dist', 'renderer');
  protocol.handle(APP_SCHEME, async (request) => {
    const file = await readStaticFile(rendererDir, new URL(request.url).pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { ...PAGE_HEADERS, 'Content-Type': file.contentType },
    });
  });

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  // Windows shows a notice only for an app with a user model id (the installer's appId).
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  const notify = desktopNotices({
    create: (options) => new Notification(options),
    supported: () => Notification.isSupported(),
    open: (link) => {
      send('app:open-link', link);
      bringForward();
    },
  });
  const core = await createCore({
    dataDir: app.getPath('userData'),
    host: 'electron',
    version: app.getVersion(),
    logger,
    chooseFolder,
    emit: (name, payload) => {
      if (name === 'watch:notice') notify(payload as EventPayload<'watch:notice'>);
      else mainWindow?.webContents.send(name, payload);
    },
  });
  const dispatch = createDispatcher(core.handlers, {
    isTrustedSender: (sender) => isAppUrl(sender.url),
    reportBug: logBugs(logger),
    logger,
  });
  for (const name of channelNames) {
    ipcMain.handle(name, (event, input: unknown) => dispatch(name, input, { url: event.senderFrame?.url ?? '' }));
  }

  const checkForUpdates = setUpUpdates(core);
  const template = menuTemplate(
    { appName: app.getName(), platform: process.platform, isPackaged: app.isPackaged },
    {
      command: (command) => send('app:command', { command }),
      reportProblem: () => void reportProblem(),
      showLogs: () => void shell.openPath(logger.dir),
      checkForUpdates,
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as Electron.MenuItemConstructorOptions[]));

  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('second-instance', (_event, argv) => {
    const link = deepLinkInArgs(argv);
    if (link) openLink(link);
    else bringForward();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void core.close();
  });
}

// macOS hands links over with open-url, possibly before the app is ready: listen from the start.
app.on('open-url', (event, url) => {
  event.preventDefault();
  openLink(url);
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

void start();
