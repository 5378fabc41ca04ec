import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, userVersion } from './migration-fixture';

const ROWS = [
  { job_id: 'job-a', order_id: 'ORD-1', user_id: 'u1', line: 2, window_start_ms: 1_000, state: 'pending' },
  { job_id: 'job-a', order_id: 'ORD-2', user_id: null, line: 3, window_start_ms: null, state: 'not_found' },
  { job_id: 'job-b', order_id: 'ORD-1', user_id: 'u1', line: 2, window_start_ms: 2_000, state: 'deferred' },
];

describe('migration 0026-clustered-import-rows', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('keeps every import row as it was, in a table clustered on its job and order, with its rules', () => {
    fixture = databaseAt(25);
    fixture.exec(
      ['job-a', 'job-b']
        .map(
          (id) =>
            `INSERT INTO import_jobs (id, environment_id, file_name, upload_id, mapping, state, counts, created_ms, updated_ms)
             VALUES ('${id}', 'sandbox', 'f.csv', 'u', '{}', 'fetching', '{}', 0, 0);`,
        )
        .join('\n') +
        ROWS.map(
          (r) =>
            `INSERT INTO import_rows (job_id, order_id, user_id, line, window_start_ms, state)
             VALUES ('${r.job_id}', '${r.order_id}', ${r.user_id === null ? 'NULL' : `'${r.user_id}'`}, ${r.line},
               ${r.window_start_ms ?? 'NULL'}, '${r.state}');`,
        ).join('\n'),
    );
    const after = fixture.open();
    const { db } = after;
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(26);
    expect(db.prepare('SELECT * FROM import_rows ORDER BY job_id, order_id').all()).toEqual(ROWS);
    expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'import_rows'`).pluck().get()).toMatch(
      /WITHOUT ROWID\s*$/,
    );
    expect(db.prepare(`SELECT name FROM pragma_index_list('import_rows')`).pluck().all()).toContain(
      'import_rows_to_fetch',
    );
    // The key, the states allowed and the job's cascade hold as before.
    const insert = db.prepare(`INSERT INTO import_rows (job_id, order_id, line, state) VALUES (?, ?, 9, ?)`);
    expect(() => insert.run('job-a', 'ORD-1', 'pending')).toThrow(/UNIQUE/);
    expect(() => insert.run('job-a', 'ORD-9', 'lost')).toThrow(/CHECK/);
    expect(() => insert.run('job-x', 'ORD-9', 'pending')).toThrow(/FOREIGN KEY/);
    db.prepare(`DELETE FROM import_jobs WHERE id = 'job-a'`).run();
    expect(db.prepare('SELECT job_id FROM import_rows').pluck().all()).toEqual(['job-b']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    after.close();
  });
});
