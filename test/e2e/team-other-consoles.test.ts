import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/core/clock';
import type { JobView } from '../../shared/contract';
import type { TestConsole } from '../support/browser-console';
import { startTestConsole } from '../support/browser-console';
import { launchChromium, openConsole } from '../support/chromium';
import type { CoreHarness } from '../support/core-harness';
import { MemoryCredentialStore } from '../support/memory-credential-store';
import type { TestPostgres } from '../support/postgres';
import { startPostgres } from '../support/postgres';
import type { StagingSandbox } from '../support/staging-sandbox';
import { startStagingSandbox } from '../support/staging-sandbox';
import { TEST_TEAM_TUNING, settledAll, teamConsole, teamDatabase } from '../integration/team/team-fixture';

/**
 * Two consoles of a team on a real PostgreSQL and one sandbox: Ben's core stages a sheet, and Ana's
 * Staging screen in Chromium shows his job under "Other consoles" as it runs, view only, until it ends.
 */
describe('another console’s staging job on the Staging screen, in Chromium', () => {
  let server: TestPostgres;
  let env: StagingSandbox;
  let ana: TestConsole;
  let ben: CoreHarness;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    server = await startPostgres();
    const teamUrl = await teamDatabase(server, 'team');
    // Slow answers, so the job runs for seconds and its counts are seen moving.
    env = await startStagingSandbox(20, { faults: { latencyMs: 150 } });
    const common = { clock: systemClock, prefetch: false, credentialStore: new MemoryCredentialStore() };
    ana = await startTestConsole({ ...common, sandbox: env.sandbox, computerUser: 'ana', team: TEST_TEAM_TUNING });
    expect((await ana.call('team:set', { id: 'sandbox', url: teamUrl })).ok).toBe(true);
    ben = await teamConsole(env.sandbox, teamUrl, {
      ...common,
      credentialStore: new MemoryCredentialStore(),
      computerUser: 'ben',
      staging: { progressEveryMs: 50 },
    });
    await settledAll([ben]);
    browser = await launchChromium();
    ({ page, pageErrors } = await openConsole(browser, ana.host.openUrl));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await ben?.close();
    await ana?.close();
    await env?.sandbox.close();
    await server?.close();
  });

  it('lists the running job with its console and rising counts, offers no action on it, and drops it when done', async () => {
    await page.getByRole('link', { name: 'Bulk staging' }).click();
    const panel = page.getByRole('region', { name: 'Other consoles' });
    await expect(panel.count()).resolves.toBe(0);

    const rows = env.stageable.map((orderId) => ({ orderId, bags_count: 1 }));
    const started = await ben.value<JobView>('staging:start', {
      environmentId: 'sandbox',
      rows,
      name: 'evening shelf',
    });
    const line = panel.locator(`li[data-job="${started.jobId}"]`);
    await expect
      .poll(() => line.textContent(), { timeout: 10_000 })
      .toMatch(/evening shelf\s+on ben — Running, \d+ of\s+20 staged/);

    // Watched only: the panel offers no button to pause or cancel another console's job.
    await expect(panel.getByRole('button').count()).resolves.toBe(0);

    const seen = new Set<number>();
    const until = Date.now() + 30_000;
    while ((await line.count()) > 0 && Date.now() < until) {
      const match = /(\d+) of\s+20 staged/.exec((await line.textContent().catch(() => '')) ?? '');
      if (match) seen.add(Number(match[1]));
      await page.waitForTimeout(100);
    }
    expect(seen.size, `counts seen: ${[...seen].join(', ')}`).toBeGreaterThanOrEqual(2);
    expect((await ben.core.services.staging().settled(started.jobId)).state).toBe('finished');
    await expect.poll(() => panel.count(), { timeout: 5_000 }).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
