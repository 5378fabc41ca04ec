import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SettleTracker, listExports } from '../../../electron/core/shop-import/folder-scan';

describe('watched folder scan', () => {
  let folder = '';
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('lists only the CSV and XLSX exports, whatever their case', async () => {
    folder = await mkdtemp(join(tmpdir(), 'watch-scan-'));
    await writeFile(join(folder, 'a.csv'), 'order_id\n1\n');
    await writeFile(join(folder, 'B.XLSX'), 'x');
    await writeFile(join(folder, 'notes.txt'), 'x');
    await writeFile(join(folder, 'a.csv.part'), 'x');
    const names = (await listExports(folder)).map((f) => f.fileName);
    expect(names).toEqual(['a.csv', 'B.XLSX']);
  });

  it('reports a file written in two parts only once it stopped growing', async () => {
    folder = await mkdtemp(join(tmpdir(), 'watch-scan-'));
    const file = join(folder, 'export.csv');
    const tracker = new SettleTracker(1000);
    await writeFile(file, 'order_id,first_name\n');
    expect(tracker.settled(await listExports(folder), 0)).toEqual([]);
    await appendFile(file, 'ORD-1,Ada\n');
    // Grown since the last scan: its clock starts again even though settleMs has passed.
    expect(tracker.settled(await listExports(folder), 1500)).toEqual([]);
    expect(tracker.settled(await listExports(folder), 2000)).toEqual([]);
    const ready = tracker.settled(await listExports(folder), 2500);
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({ fileName: 'export.csv', size: 'order_id,first_name\nORD-1,Ada\n'.length });
  });

  it('forgets a file that was moved away before it settled', async () => {
    folder = await mkdtemp(join(tmpdir(), 'watch-scan-'));
    const tracker = new SettleTracker(1000);
    await writeFile(join(folder, 'export.csv'), 'order_id\n');
    tracker.settled(await listExports(folder), 0);
    await rm(join(folder, 'export.csv'));
    expect(tracker.settled(await listExports(folder), 1000)).toEqual([]);
    await writeFile(join(folder, 'export.csv'), 'order_id\n');
    expect(tracker.settled(await listExports(folder), 1200)).toEqual([]);
  });
});
