import { describe, expect, it } from 'vitest';
import type { AppCommand } from '../../../shared/app-commands';
import { APP_COMMANDS } from '../../../shared/app-commands';
import type { MenuItemSpec } from '../../../electron/desktop/menu-template';
import { menuTemplate } from '../../../electron/desktop/menu-template';

function menuFor(platform: string) {
  const sent: AppCommand[] = [];
  const template = menuTemplate(
    { appName: 'Last Mile Console', platform, isPackaged: true },
    { command: (command) => sent.push(command), reportProblem: () => {}, showLogs: () => {}, checkForUpdates: null },
  );
  const items = (specs: MenuItemSpec[]): MenuItemSpec[] =>
    specs.flatMap((spec) => [spec, ...items(spec.submenu ?? [])]);
  return { sent, items: items(template) };
}

describe('the application menu', () => {
  it('opens the command palette on Ctrl/Cmd+K and the shortcut sheet, as commands sent to the page', () => {
    const { sent, items } = menuFor('linux');
    const palette = items.find((item) => item.label?.startsWith('Command palette'));
    expect(palette?.accelerator).toBe('CmdOrCtrl+K');
    palette!.click!();
    const sheet = items.find((item) => item.label?.startsWith('Keyboard shortcuts'));
    // "?" is typed in fields: the page, not the menu, takes it.
    expect(sheet?.accelerator).toBeUndefined();
    sheet!.click!();
    expect(sent).toEqual(['palette', 'shortcuts']);
  });

  it('reaches every command the page runs, on each platform', () => {
    for (const platform of ['darwin', 'linux', 'win32']) {
      const { sent, items } = menuFor(platform);
      for (const item of items) if (item.click && !item.role) item.click();
      expect(new Set(sent)).toEqual(new Set(APP_COMMANDS));
    }
  });
});
