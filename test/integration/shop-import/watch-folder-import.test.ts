import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import type { ImportInspection, SearchResult, WatchFolderView } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { SANDBOX_TEST_NOW } from '../../support/sandbox-client';
import { SHOP_HEADERS, csvOf, runImport, upload } from './import-support';

let sandbox: Sandbox;
let harness: CoreHarness;
let folder: string;
let demo: { orderId: string; userId: string }[];

const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', '-08:00');
const NAMES = ['Marcus Okafor', 'Lena Park', 'Ravi Shah'];

function exportOf(i: number): string {
  const order = demo[i]!;
  const row = [order.orderId, order.userId, NAMES[i]!, '(415) 555-0123', `${100 + i} Market St`, '', '94110', '1001'];
  const window = [at(SANDBOX_TEST_NOW + DAY), at(SANDBOX_TEST_NOW + DAY + 3_600_000)];
  return csvOf([SHOP_HEADERS, [...row, ...window, `B-${i}`, '12', '2', '8.5', '5.00']]);
}

const lastWatched = () => harness.value<WatchFolderView>('imports:last-watched', { environmentId: 'sandbox' });
const search = (text: string) => harness.value<SearchResult>('orders:search', { environmentId: 'sandbox', text });

/** Waits until the watched folder's view is as `wanted`: the watcher runs on its own timers. */
async function until(wanted: (view: WatchFolderView) => boolean): Promise<WatchFolderView> {
  const by = Date.now() + 20_000;
  for (;;) {
    const view = await lastWatched();
    if (wanted(view)) return view;
    if (Date.now() > by) throw new Error(`the watched folder never got there; last: ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the watcher has dealt with `fileName`. */
const dealtWith = (fileName: string) => until((view) => view.last?.fileName === fileName);

beforeAll(async () => {
  sandbox = await startSandbox({
    orders: 10,
    seed: 5,
    clock: createSandboxClock({ start: SANDBOX_TEST_NOW, frozen: true }),
  });
  demo = sandbox.demoOrders();
  folder = await mkdtemp(join(tmpdir(), 'lastmile-watched-'));
  harness = await startCoreHarness({
    sandbox,
    clock: sandbox.clock,
    prefetch: false,
    imports: { progressEveryMs: 0, watchFolders: { settleMs: 0, rescanMs: 50 } },
  });
});
afterAll(async () => {
  await harness.close();
  await sandbox.close();
  await rm(folder, { recursive: true, force: true });
});

describe('the watched export folder, through the core over the sandbox and a real SQLite file', () => {
  it('refuses a folder that does not exist, saying so', async () => {
    const answer = await harness.call('imports:set-watch-folder', {
      environmentId: 'sandbox',
      folder: join(folder, 'missing'),
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'watch_folder_invalid' } });
    expect((await lastWatched()).folder).toBeNull();
  });

  it('imports a dropped export with the mapping remembered from a hand import, and search finds its customer', async () => {
    const uploadId = await upload(harness, 'first.csv', Buffer.from(exportOf(0)));
    const seen = await harness.value<ImportInspection>('imports:inspect', { environmentId: 'sandbox', uploadId });
    expect((await runImport(harness, uploadId, seen.mapping)).state).toBe('finished');

    const set = await harness.value<WatchFolderView>('imports:set-watch-folder', { environmentId: 'sandbox', folder });
    expect(set).toEqual({ folder, last: null, problem: null });
    expect((await search('Lena')).rows).toEqual([]);
    await writeFile(join(folder, 'second.csv'), exportOf(1));

    const view = await dealtWith('second.csv');
    expect(view.last).toMatchObject({
      outcome: 'imported',
      newCount: 1,
      updatedCount: 0,
      errorCount: 0,
      message: null,
    });
    expect((await search('Lena')).rows.map((r) => r.orderId)).toEqual([demo[1]!.orderId]);
    expect(harness.events.some((e) => e.name === 'imports:watched')).toBe(true);
  });

  it('leaves a file with columns it has no mapping for, saying it needs one', async () => {
    await writeFile(
      join(folder, 'unknown.csv'),
      csvOf([
        ['Ref', 'Who'],
        ['X-1', 'Nobody Here'],
      ]),
    );
    const view = await dealtWith('unknown.csv');
    expect(view.last).toMatchObject({ outcome: 'needs_mapping', newCount: 0 });
    expect((await search('Nobody')).rows).toEqual([]);
  });

  it('records a corrupt workbook as failed with the import’s message and goes on to the next file', async () => {
    await writeFile(join(folder, 'broken.xlsx'), Buffer.from('PK\u0003\u0004 this is not a workbook'));
    const broken = await dealtWith('broken.xlsx');
    expect(broken.last).toMatchObject({ outcome: 'failed' });
    expect(broken.last!.message).toMatch(/\w/);

    await writeFile(join(folder, 'third.csv'), exportOf(2));
    const third = await dealtWith('third.csv');
    expect(third.last).toMatchObject({ outcome: 'imported', newCount: 1 });
    expect((await search('Ravi')).rows.map((r) => r.orderId)).toEqual([demo[2]!.orderId]);
  });

  it('says on the channel and live when the watched folder can no longer be read, and when it can again', async () => {
    const share = join(folder, 'share');
    await mkdir(share);
    await harness.value<WatchFolderView>('imports:set-watch-folder', { environmentId: 'sandbox', folder: share });
    await rm(share, { recursive: true });
    const gone = await until((view) => view.problem !== null);
    expect(gone.problem).toMatchObject({
      code: 'watch_folder_invalid',
      message: `The folder ${share} does not exist.`,
    });
    expect(harness.events).toContainEqual({
      name: 'imports:watch-problem',
      payload: { environmentId: 'sandbox', problem: gone.problem },
    });

    await mkdir(share);
    expect((await until((view) => view.problem === null)).folder).toBe(share);
    expect(harness.events).toContainEqual({
      name: 'imports:watch-problem',
      payload: { environmentId: 'sandbox', problem: null },
    });
  });

  it('stops watching once the folder is cleared', async () => {
    const cleared = await harness.value<WatchFolderView>('imports:set-watch-folder', {
      environmentId: 'sandbox',
      folder: null,
    });
    expect(cleared.folder).toBeNull();
    await writeFile(join(folder, 'fourth.csv'), exportOf(0).replace('Marcus', 'Marco'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await lastWatched()).last?.fileName).toBe('third.csv');
  });
});
