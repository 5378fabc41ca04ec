import { EventEmitter } from 'node:events';

/**
 * A stand-in for the `electron` module, just wide enough to run the bundled main and preload in Node
 * and record every security decision they hand to Electron: the Electron binary cannot run here, and
 * this isolates the shell (the one unit under test) from it. Anything the shell calls that is not
 * declared here fails loudly, so a new Electron API in the shell shows up in these tests.
 */

export type Handler = (...args: never[]) => unknown;

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly sent: [string, unknown][] = [];

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
}

export interface FakeElectron {
  /** What `require('electron')` returns. */
  module: Record<string, unknown>;
  app: EventEmitter;
  /** Calls in the order they happened, e.g. `app.enableSandbox`, `app.whenReady`. */
  calls: string[];
  windows: { options: Record<string, unknown>; urls: string[]; webContents: FakeWebContents }[];
  privilegedSchemes: unknown[];
  protocolHandlers: Map<string, (request: { url: string }) => Promise<Response>>;
  ipcHandlers: Map<string, (event: unknown, input: unknown) => Promise<unknown>>;
  permissionRequestHandler?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
  permissionCheckHandler?: (contents: unknown, permission: string) => boolean;
  openedExternally: string[];
  /** Every call the shell made that is not a security decision: crash reporter, menu, dialogs, protocol client. */
  recorded: { crashReporter?: Record<string, unknown>; protocolClients: unknown[][]; menu?: unknown[] };
  /** What `require('electron-updater')` returns; its `autoUpdater` records what the shell set and called. */
  updaterModule: { autoUpdater: FakeUpdater };
  dialogs: { kind: string; options: Record<string, unknown> }[];
  /** The answer the next message box gives (0: the first button). */
  nextMessageBoxResponse: number;
  /** The path the next save dialog answers, or null for cancel. */
  nextSavePath: string | null;
  shownInFolder: string[];
  openedPaths: string[];
  exposedInMainWorld: [string, unknown][];
  ipcRenderer: EventEmitter & { invocations: unknown[][] };
  /** Desktop notices the shell made: the options, how often shown, and a click as the desktop sends it. */
  notifications: { options: Record<string, unknown>; shown: number; click(): void }[];
  /** A web contents created the way Electron creates one: announced on `web-contents-created`. */
  createWebContents(): FakeWebContents;
}

export class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  feeds: unknown[] = [];
  checks = 0;
  installs = 0;
  setFeedURL(feed: unknown): void {
    this.feeds.push(feed);
  }
  async checkForUpdates(): Promise<null> {
    this.checks++;
    return null;
  }
  quitAndInstall(): void {
    this.installs++;
  }
}

export interface FakeElectronOptions {
  userData: string;
  version?: string;
  isPackaged?: boolean;
  argv?: string[];
}

export function createFakeElectron(options: FakeElectronOptions): FakeElectron {
  const calls: string[] = [];
  const app = new EventEmitter();
  const fake: FakeElectron = {
    module: {},
    app,
    calls,
    windows: [],
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    openedExternally: [],
    recorded: { protocolClients: [] },
    updaterModule: { autoUpdater: new FakeUpdater() },
    dialogs: [],
    nextMessageBoxResponse: 1,
    nextSavePath: null,
    shownInFolder: [],
    openedPaths: [],
    exposedInMainWorld: [],
    ipcRenderer: Object.assign(new EventEmitter(), { invocations: [] as unknown[][] }),
    notifications: [],
    createWebContents() {
      const contents = new FakeWebContents();
      app.emit('web-contents-created', fakeEvent(), contents);
      return contents;
    },
  };

  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => fake.windows;
    readonly webContents: FakeWebContents;
    private readonly urls: string[] = [];

    constructor(windowOptions: Record<string, unknown>) {
      super();
      calls.push('new BrowserWindow');
      this.webContents = fake.createWebContents();
      fake.windows.push({ options: windowOptions, urls: this.urls, webContents: this.webContents });
    }

    async loadURL(url: string): Promise<void> {
      this.urls.push(url);
    }

    show = () => calls.push('window.show');
    isMinimized = () => false;
    restore = () => undefined;
    focus = () => calls.push('window.focus');
  }

  class Notification extends EventEmitter {
    static isSupported = () => true;
    constructor(notificationOptions: Record<string, unknown>) {
      super();
      const record = { options: notificationOptions, shown: 0, click: () => void this.emit('click') };
      fake.notifications.push(record);
      this.show = () => void record.shown++;
    }
    show: () => void;
  }

  Object.assign(app, {
    enableSandbox: () => calls.push('app.enableSandbox'),
    setAppUserModelId: (id: string) => calls.push(`app.setAppUserModelId ${id}`),
    requestSingleInstanceLock: () => true,
    whenReady: async () => {
      calls.push('app.whenReady');
    },
    getPath: (name: string) => {
      const paths: Record<string, string> = {
        userData: options.userData,
        logs: `${options.userData}/logs`,
        downloads: `${options.userData}/downloads`,
        crashDumps: `${options.userData}/Crashpad`,
      };
      const path = paths[name];
      if (!path) throw new Error(`the shell asked for app.getPath('${name}')`);
      return path;
    },
    setAppLogsPath: () => calls.push('app.setAppLogsPath'),
    setAsDefaultProtocolClient: (...args: unknown[]) => {
      fake.recorded.protocolClients.push(args);
      return true;
    },
    isReady: () => calls.includes('app.whenReady'),
    isPackaged: options.isPackaged ?? false,
    getName: () => 'Last Mile Console',
    getVersion: () => options.version ?? '0.0.0-test',
    quit: () => calls.push('app.quit'),
  });

  const ipcRenderer = fake.ipcRenderer;
  Object.assign(ipcRenderer, {
    invoke: async (...args: unknown[]) => {
      ipcRenderer.invocations.push(args);
      return { ok: true, value: null };
    },
  });

  fake.module = {
    app,
    BrowserWindow,
    Notification,
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) =>
        fake.ipcHandlers.set(channel, handler),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) =>
        fake.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: FakeElectron['permissionRequestHandler']) => {
          fake.permissionRequestHandler = handler;
        },
        setPermissionCheckHandler: (handler: FakeElectron['permissionCheckHandler']) => {
          fake.permissionCheckHandler = handler;
        },
      },
    },
    shell: {
      openExternal: async (url: string) => {
        fake.openedExternally.push(url);
      },
      showItemInFolder: (path: string) => fake.shownInFolder.push(path),
      openPath: async (path: string) => {
        fake.openedPaths.push(path);
        return '';
      },
    },
    crashReporter: {
      start: (crashOptions: Record<string, unknown>) => {
        calls.push('crashReporter.start');
        fake.recorded.crashReporter = crashOptions;
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: (menu: { template: unknown[] }) => {
        fake.recorded.menu = menu.template;
      },
    },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        fake.dialogs.push({ kind: 'message', options: args.at(-1) as Record<string, unknown> });
        return { response: fake.nextMessageBoxResponse };
      },
      showSaveDialog: async (...args: unknown[]) => {
        fake.dialogs.push({ kind: 'save', options: args.at(-1) as Record<string, unknown> });
        return { canceled: fake.nextSavePath === null, filePath: fake.nextSavePath ?? '' };
      },
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => fake.exposedInMainWorld.push([key, api]),
    },
    ipcRenderer,
  };
  return fake;
}
