import type { DesktopNotice } from '../../shared/contract';
import type { DeepLinkResult } from '../../shared/deep-link';

/** What the shell needs of Electron's Notification: made with options, shown, clicked. */
export interface ShellNotification {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

export interface NoticeOptions {
  title: string;
  body: string;
  /** The console speaks up only for what its user asked for: no sound over a supervisor's call. */
  silent: boolean;
}

export interface DesktopNoticesDeps {
  /** `new Notification(options)`; a stand-in records them in the shell's tests. */
  create: (options: NoticeOptions) => ShellNotification;
  /** Whether the platform can show them (Notification.isSupported()). */
  supported: () => boolean;
  /** Opens the order as a console link does: the page checks the environment, then shows it. */
  open: (link: DeepLinkResult) => void;
}

/** The Windows taskbar groups and names notices by this id; it must match the installer's appId. */
export const APP_USER_MODEL_ID = 'com.lastmileconsole.app';

/**
 * Shows the core's batched notices on the desktop from the main process (the page has no permission
 * to); clicking one opens its order.
 */
export function desktopNotices(deps: DesktopNoticesDeps): (notice: DesktopNotice) => void {
  return (notice) => {
    if (!deps.supported()) return;
    const shown = deps.create({ title: notice.title, body: notice.body, silent: true });
    shown.on('click', () =>
      deps.open({ ok: true, link: { kind: 'order', environmentId: notice.environmentId, orderId: notice.orderId } }),
    );
    shown.show();
  };
}
