import { afterEach, describe, expect, it } from 'vitest';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';

describe('app:choose-folder, the host’s folder dialog for the watched folder', () => {
  let harness: CoreHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('answers the folder the desktop app’s dialog gave, and null when it was closed', async () => {
    const answers: (string | null)[] = ['/srv/exports/store-12', null];
    let opened = 0;
    harness = await startCoreHarness({
      sandbox: false,
      prefetch: false,
      chooseFolder: () => {
        opened += 1;
        return Promise.resolve(answers.shift() ?? null);
      },
    });
    expect(await harness.value('app:choose-folder')).toEqual({ folder: '/srv/exports/store-12' });
    expect(await harness.value('app:choose-folder')).toEqual({ folder: null });
    expect(opened).toBe(2);
  });

  it('refuses in a browser, which has no folder dialog, saying to type the path', async () => {
    harness = await startCoreHarness({ sandbox: false, prefetch: false });
    expect(await harness.call('app:choose-folder')).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'no_folder_dialog', hint: 'Type or paste the folder path instead.' }),
    });
  });

  it('refuses any input: the dialog takes none from the page', async () => {
    harness = await startCoreHarness({ sandbox: false, prefetch: false, chooseFolder: () => Promise.resolve('/x') });
    expect(await harness.call('app:choose-folder', { defaultPath: '/etc' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
