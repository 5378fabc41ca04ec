import type { AppInfo } from '../domain';
import { channel, event } from './define';
import { noInput } from './common';

export const appChannels = {
  'app:info': channel<AppInfo>()(noInput),
};

export const appEvents = {
  /** Sent whenever online state, the last successful call or the selected environment changes. */
  'app:status': event<AppInfo>(),
};
