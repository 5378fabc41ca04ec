import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, userVersion } from './migration-fixture';

/** One job in each state, each with a row in each state its import can leave. */
const JOB_STATES = ['reading', 'fetching', 'paused', 'finished', 'canceled', 'failed'];
const ROW_STATES = ['pending', 'done', 'not_found', 'failed', 'deferred', 'skipped'];

describe('migration 0025-ended-import-rows', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it("drops the rows of the imports that ended but the orders not found at Instacart, and keeps every other job's", () => {
    fixture = databaseAt(24);
    fixture.exec(
      JOB_STATES.map(
        (state) =>
          `INSERT INTO import_jobs (id, environment_id, file_name, upload_id, mapping, state, counts, created_ms, updated_ms)
           VALUES ('${state}', 'sandbox', 'f.csv', 'u', '{}', '${state}', '{}', 0, 0);` +
          ROW_STATES.map(
            (row, i) =>
              `INSERT INTO import_rows (job_id, order_id, line, state) VALUES ('${state}', 'ORD-${i}', ${i + 2}, '${row}');`,
          ).join('\n'),
      ).join('\n'),
    );
    const after = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(25);
    const left = (job: string) =>
      after.db.prepare('SELECT state FROM import_rows WHERE job_id = ? ORDER BY line').pluck().all(job);
    for (const job of ['reading', 'fetching', 'paused', 'failed']) expect(left(job), job).toEqual(ROW_STATES);
    expect(left('finished')).toEqual(['not_found']);
    expect(left('canceled')).toEqual(['not_found']);
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
  });
});
