import { app, BrowserWindow, ipcMain, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { channelNames } from '../shared/contract';
import { createCore } from './core/create-core';
import { createDispatcher } from './ipc/register';
import { PAGE_HEADERS } from './security-headers';
import { readStaticFile } from './static-files';
import { APP_SCHEME, APP_START_URL, SECURE_WEB_PREFERENCES, isAllowedExternalUrl, isAppUrl } from './window-policy';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

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
  void window.loadURL(APP_START_URL);
  return window;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
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

  const core = await createCore({
    dataDir: app.getPath('userData'),
    host: 'electron',
    version: app.getVersion(),
    emit: (name, payload) => mainWindow?.webContents.send(name, payload),
  });
  const dispatch = createDispatcher(core.handlers, {
    isTrustedSender: (sender) => isAppUrl(sender.url),
    reportBug: (channel, error) => console.error(`[core] ${channel} failed unexpectedly`, error),
  });
  for (const name of channelNames) {
    ipcMain.handle(name, (event, input: unknown) => dispatch(name, input, { url: event.senderFrame?.url ?? '' }));
  }

  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void core.close();
  });
}

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
