import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITER } from '../../../electron/core/connect/adaptive-limiter';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { SANDBOX_TEST_NOW } from '../../support/sandbox-client';
import { SHOP_HEADERS, csvOf, inspect, runImport, upload } from './import-support';

const ORDERS = 40;
const IN_FLIGHT = 2;
/** The job's save refused once this many answers are counted, as a full disk would refuse it. */
const REFUSED_AT = 3;

let sandbox: Sandbox;
let harness: CoreHarness;

beforeAll(async () => {
  sandbox = await startSandbox({
    orders: ORDERS,
    seed: 12,
    clock: createSandboxClock({ start: SANDBOX_TEST_NOW, frozen: true }),
  });
  harness = await startCoreHarness({
    sandbox,
    clock: sandbox.clock,
    prefetch: false,
    limiter: { ...DEFAULT_LIMITER, maxInFlight: IN_FLIGHT },
  });
});
afterAll(async () => {
  await harness.close();
  await sandbox.close();
});

const answeredGets = () => sandbox.counters.statusCount(200) - sandbox.counters.totals.tokens;

describe('an import whose journal cannot be saved after an answer', () => {
  it("keeps the order's row and the job's count in one write, and asks Instacart nothing more", async () => {
    const outside = new Database(join(harness.dataDir, 'lastmile.db'));
    outside
      .prepare(
        `CREATE TRIGGER refuse_counts BEFORE UPDATE OF counts ON import_jobs
         WHEN json_extract(NEW.counts, '$.fetched') >= ${REFUSED_AT}
         BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
      )
      .run();
    const rows = sandbox.demoOrders().map((o, i) => {
      const row = Array<string>(SHOP_HEADERS.length).fill('');
      row[0] = o.orderId;
      row[1] = o.userId;
      row[2] = `Ana${i} Ruiz`;
      row[3] = `(415) 555-02${String(i).padStart(2, '0')}`;
      row[6] = '94110';
      return row;
    });
    const uploadId = await upload(harness, 'export.csv', Buffer.from(csvOf([SHOP_HEADERS, ...rows])));
    const gets = answeredGets();
    const seen = await inspect(harness, uploadId);
    if (!seen.ok) throw new Error(JSON.stringify(seen.error));
    const job = await runImport(harness, uploadId, seen.value.mapping);

    expect(job.state).toBe('failed');
    expect(job.error?.message).toMatch(/stopped/);
    expect(job.counts.fetched).toBe(REFUSED_AT - 1);
    try {
      const saved = outside.prepare('SELECT counts FROM import_jobs WHERE id = ?').get(job.id) as { counts: string };
      const done = outside
        .prepare(`SELECT count(*) AS n FROM import_rows WHERE job_id = ? AND state = 'done'`)
        .get(job.id) as { n: number };
      // The answer whose count could not be saved left its row pending: a resumed job asks about it again.
      expect(done.n).toBe(REFUSED_AT - 1);
      expect(JSON.parse(saved.counts)).toMatchObject({ fetched: REFUSED_AT - 1 });
    } finally {
      outside.close();
    }
    // The other workers stopped with the first: at most those in flight were answered after the refusal.
    expect(answeredGets() - gets).toBeLessThanOrEqual(REFUSED_AT + IN_FLIGHT);
  });
});
