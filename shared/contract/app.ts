import type { AppCommand } from '../app-commands';
import type { DeepLinkResult } from '../deep-link';
import type { AppInfo } from '../domain';
import { channel, event } from './define';
import { noInput } from './common';

export const appChannels = {
  'app:info': channel<AppInfo>()(noInput),
  /** The host's own folder dialog (the desktop app's); null when the user closed it. A browser has none. */
  'app:choose-folder': channel<{ folder: string | null }>()(noInput),
};

export const appEvents = {
  /** Sent whenever online state, the last successful call or the selected environment changes. */
  'app:status': event<AppInfo>(),
  /** A menu item or its shortcut was chosen (Electron only). */
  'app:command': event<{ command: AppCommand }>(),
  /** A lastmile:// link was opened from outside (a ticket, a CRM), already parsed: a link or why it was refused. */
  'app:open-link': event<DeepLinkResult>(),
};
