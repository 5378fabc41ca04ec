import { afterEach, describe, expect, it } from 'vitest';
import { createWatchedFiles } from '../../../../electron/core/shop-import/watched-files';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, userVersion } from './migration-fixture';

describe('migration 0018-watched-files', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('remembers each watched file version and its outcome, across a reopen', () => {
    fixture = databaseAt(17);
    const first = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(18);
    const files = createWatchedFiles(first);
    const v1 = { environmentId: 'sandbox', fileName: 'export.csv', size: 120, mtimeMs: 1000 };
    expect(files.has(v1)).toBe(false);
    expect(files.latest('sandbox')).toBeNull();
    files.record(v1, 'aa', { outcome: 'imported', newCount: 3, updatedCount: 1, errorCount: 0 }, 5000);
    first.close();

    const again = fixture.open();
    const reopened = createWatchedFiles(again);
    expect(reopened.has(v1)).toBe(true);
    expect(reopened.has({ ...v1, mtimeMs: 2000 })).toBe(false);
    expect(reopened.latest('sandbox')).toMatchObject({ fileName: 'export.csv', newCount: 3, updatedCount: 1 });
    expect(reopened.hasContent('sandbox', 'export.csv', 'aa')).toBe(true);
    expect(reopened.hasContent('sandbox', 'export.csv', 'bb')).toBe(false);
    reopened.record({ ...v1, mtimeMs: 3000 }, 'aa', { outcome: 'unchanged' }, 5500);
    expect(reopened.latest('sandbox')).toMatchObject({ mtimeMs: 1000, outcome: 'imported' });
    reopened.record(
      { ...v1, fileName: 'odd.csv' },
      'cc',
      { outcome: 'needs_mapping', message: 'Unknown headers.' },
      6000,
    );
    expect(reopened.latest('sandbox')).toMatchObject({ fileName: 'odd.csv', outcome: 'needs_mapping' });
    expect(reopened.latest('other')).toBeNull();
    expect(() =>
      again.db.exec(
        `INSERT INTO watched_file (environment_id, file_name, size, mtime_ms, content_sha256, seen_at_ms, outcome)
         VALUES ('sandbox', 'x.csv', 1, 1, 'dd', 1, 'maybe')`,
      ),
    ).toThrow(/CHECK/);
    again.close();
  });
});
