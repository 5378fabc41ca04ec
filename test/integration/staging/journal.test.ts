import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../../electron/core/cache/cache';
import { openCache } from '../../../electron/core/cache/cache';
import { StagingJournal } from '../../../electron/core/staging/journal';
import { tempDir } from '../../support/temp-dir';

describe('StagingJournal on the cache file', () => {
  const dir = tempDir('lastmile-journal-');
  let cache: Cache | undefined;
  afterEach(() => {
    cache?.close();
    dir.remove();
  });

  it('runs with synchronous=FULL and keeps every change across a reopen', () => {
    let now = 1_000;
    const clock = { now: () => now };
    const file = join(dir.path, 'lastmile.db');
    cache = openCache(file);
    const journal = new StagingJournal(cache.database.db, clock);
    expect(cache.database.db.pragma('synchronous', { simple: true })).toBe(2);
    const older = journal.createJob({ name: 'old', environmentId: 'sandbox', rows: [{ orderId: 'A' }] });
    journal.setState(older.id, 'finished');
    now = 2_000;
    const job = journal.createJob({
      name: 'shift',
      environmentId: 'sandbox',
      rows: [
        { orderId: 'B', line: 2, bags_count: 2, bag_label: 'B2' },
        { orderId: 'C', line: 3 },
      ],
    });
    const [b] = journal.items(job.id);
    journal.save(job.id, { ...b!, state: 'in_flight', attempts: 1 });
    journal.setState(job.id, 'paused', { code: 'interrupted', message: 'stopped' });
    now = 3_000;
    journal.setState(older.id, 'finished');
    cache.close();

    cache = openCache(file);
    const reopened = new StagingJournal(cache.database.db, clock);
    expect(reopened.recentJobs().map((j) => j.name)).toEqual(['shift', 'old']);
    expect(reopened.job(job.id)).toMatchObject({ state: 'paused', error: { code: 'interrupted' } });
    expect(reopened.items(job.id)).toEqual([
      expect.objectContaining({
        orderId: 'B',
        line: 2,
        state: 'in_flight',
        attempts: 1,
        values: { bags_count: 2, bag_label: 'B2' },
      }),
      expect.objectContaining({ orderId: 'C', line: 3, state: 'pending', attempts: 0, values: {} }),
    ]);
    expect(reopened.counts(job.id)).toEqual({ total: 2, done: 0, failed: 0, waiting: 0 });
  });
});
