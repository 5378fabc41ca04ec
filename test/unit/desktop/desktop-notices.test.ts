import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { NoticeOptions, ShellNotification } from '../../../electron/desktop/desktop-notices';
import { APP_USER_MODEL_ID, desktopNotices } from '../../../electron/desktop/desktop-notices';
import { repoRoot } from '../../../electron/launch/paths';
import type { DeepLinkResult } from '../../../shared/deep-link';

/** Electron's Notification, isolated: records what the shell made of a notice and lets the test click it. */
class RecordingNotification implements ShellNotification {
  shown = 0;
  private readonly clicks: (() => void)[] = [];
  constructor(readonly options: NoticeOptions) {}
  on(_event: 'click', listener: () => void): this {
    this.clicks.push(listener);
    return this;
  }
  show(): void {
    this.shown++;
  }
  click(): void {
    for (const listener of this.clicks) listener();
  }
}

describe('desktop notices in the shell', () => {
  const notice = {
    environmentId: 'sandbox',
    orderId: 'LM0000007',
    title: 'Last Mile Console: 2 updates',
    body: 'LM0000007 is now delivering\nLM0000009: Late',
  };

  it('are made in the main process with the notice, shown, and open the order when clicked', () => {
    const made: RecordingNotification[] = [];
    const opened: DeepLinkResult[] = [];
    const notify = desktopNotices({
      create: (options) => {
        const n = new RecordingNotification(options);
        made.push(n);
        return n;
      },
      supported: () => true,
      open: (link) => opened.push(link),
    });
    notify(notice);
    expect(made.map((n) => [n.options, n.shown])).toEqual([
      [{ title: notice.title, body: notice.body, silent: true }, 1],
    ]);
    expect(opened).toEqual([]);
    made[0]!.click();
    expect(opened).toEqual([{ ok: true, link: { kind: 'order', environmentId: 'sandbox', orderId: 'LM0000007' } }]);
  });

  it('are not made where the platform cannot show them', () => {
    let made = 0;
    desktopNotices({
      create: () => {
        made++;
        return new RecordingNotification({ title: '', body: '', silent: true });
      },
      supported: () => false,
      open: () => {},
    })(notice);
    expect(made).toBe(0);
  });

  it('carry the installer app id on Windows, set before the core starts, and go to no window', () => {
    const builder = parse(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as { appId: string };
    expect(APP_USER_MODEL_ID).toBe(builder.appId);
    const main = readFileSync(join(repoRoot, 'electron/main.ts'), 'utf8');
    const setId = main.indexOf("if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)");
    expect(setId).toBeGreaterThan(0);
    expect(setId).toBeLessThan(main.indexOf('await createCore('));
    expect(main).toContain("if (name === 'watch:notice') notify(");
  });
});
