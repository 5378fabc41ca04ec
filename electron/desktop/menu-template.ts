import type { AppCommand } from '../../shared/app-commands';

/** The subset of Electron's MenuItemConstructorOptions the console uses, so this file needs no electron import. */
export interface MenuItemSpec {
  label?: string;
  role?: string;
  type?: 'separator';
  accelerator?: string;
  submenu?: MenuItemSpec[];
  click?: () => void;
}

export interface MenuActions {
  command(command: AppCommand): void;
  reportProblem(): void;
  showLogs(): void;
  checkForUpdates: (() => void) | null;
}

export interface MenuOptions {
  appName: string;
  platform: string;
  /** Packaged builds get no developer tools and no reload. */
  isPackaged: boolean;
}

const separator: MenuItemSpec = { type: 'separator' };

/** The console's own application menu: its screens and shortcuts, and nothing a support agent should not see. */
export function menuTemplate(options: MenuOptions, actions: MenuActions): MenuItemSpec[] {
  const mac = options.platform === 'darwin';
  const go = (label: string, command: AppCommand, accelerator?: string): MenuItemSpec => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.command(command),
  });
  const appMenu: MenuItemSpec[] = mac
    ? [
        {
          label: options.appName,
          submenu: [
            { role: 'about' },
            separator,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            separator,
            { role: 'quit' },
          ],
        },
      ]
    : [];
  const view: MenuItemSpec[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    separator,
    { role: 'togglefullscreen' },
  ];
  if (!options.isPackaged) view.push(separator, { role: 'reload' }, { role: 'toggleDevTools' });
  return [
    ...appMenu,
    {
      label: 'File',
      submenu: [
        go('New order', 'create-order', 'CmdOrCtrl+N'),
        go('Bulk staging', 'staging', 'CmdOrCtrl+Shift+S'),
        separator,
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'Go',
      submenu: [
        // `/` also jumps to search (the page handles it, so typing a slash in a field still works).
        go('Search (or /)', 'search', 'CmdOrCtrl+F'),
        go('Environments', 'environments', 'CmdOrCtrl+Shift+E'),
        go('Audit log', 'audit-log', 'CmdOrCtrl+Shift+L'),
        separator,
        go('Command palette…', 'palette', 'CmdOrCtrl+K'),
        separator,
        go('Back', 'back', mac ? 'Cmd+[' : 'Alt+Left'),
      ],
    },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        // No accelerator: "?" is typed in fields, so the page opens the sheet only when none has focus.
        go('Keyboard shortcuts (?)', 'shortcuts'),
        separator,
        { label: 'Report a problem…', click: actions.reportProblem },
        { label: 'Show log files', click: actions.showLogs },
        ...(actions.checkForUpdates ? [{ label: 'Check for updates…', click: actions.checkForUpdates }] : []),
      ],
    },
  ];
}
