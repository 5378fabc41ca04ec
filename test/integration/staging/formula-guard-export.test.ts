import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView, StagePreview } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import type { StagingSandbox } from '../../support/staging-sandbox';
import { startStagingSandbox } from '../../support/staging-sandbox';

let env: StagingSandbox;
let harness: CoreHarness;

beforeAll(async () => {
  env = await startStagingSandbox(3);
  harness = await startCoreHarness({ sandbox: env.sandbox, prefetch: false });
});
afterAll(async () => {
  await harness.close();
  await env.sandbox.close();
});

/** The pieces a spreadsheet could make of the file, splitting it at any character it may take as a separator. */
function formulaPieces(csv: string): string[] {
  return [',', ';', '\t', '|', '\n', '\r']
    .flatMap((separator) => csv.split(separator))
    .map((piece) => piece.replace(/^[\s"]*/, '').trimEnd())
    .filter((piece) => /^[=+@]/.test(piece) || /^-(?!\d+(\.\d+)?$)/.test(piece));
}

describe('CSV exports with labels a spreadsheet would run', () => {
  it('guard the staging report and the orders export, in any separator locale', async () => {
    const [a, b, c] = env.stageable as [string, string, string];
    const labels = { [a]: 'x;=2+5;y', [b]: '@SUM(A1)', [c]: 'x|+1' };
    const sheet = [
      'order_id,bags_count,items_count,bag_label',
      ...Object.entries(labels).map(([id, l]) => `${id},1,2,"${l}"`),
    ];
    const preview = await harness.value<StagePreview>('staging:preview', {
      environmentId: 'sandbox',
      source: { kind: 'csv', csv: sheet.join('\r\n') },
      defaults: {},
    });
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => r.bag_label)).toEqual(Object.values(labels));
    let job = await harness.value<JobView>('staging:start', { environmentId: 'sandbox', rows: preview.rows });
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = await harness.value<JobView>('staging:job', { environmentId: 'sandbox', jobId: job.jobId });
    }
    expect(job).toMatchObject({ state: 'finished', done: 3 });

    const report = await harness.value<{ csv: string }>('staging:report-csv', {
      environmentId: 'sandbox',
      jobId: job.jobId,
    });
    const reportRows = parse(report.csv, { columns: true }) as Record<string, string>[];
    expect(reportRows.map((r) => [r.order_id, r.bag_label, r.bags_count])).toEqual([
      [a, "'x;'=2+5;y", '1'],
      [b, "'@SUM(A1)", '1'],
      [c, "'x|'+1", '1'],
    ]);
    expect(report.csv).toContain(`"'x;'=2+5;y"`);
    expect(formulaPieces(report.csv)).toEqual([]);

    const exported = await harness.value<{ csv: string; rowCount: number }>('orders:export-csv', {
      environmentId: 'sandbox',
      filters: {},
    });
    const orderRows = parse(exported.csv, { columns: true }) as Record<string, string>[];
    const exportedLabels = Object.fromEntries(orderRows.map((r) => [r.order_id, r.bag_label]));
    expect(exportedLabels).toMatchObject({ [a]: "'x;'=2+5;y", [b]: "'@SUM(A1)", [c]: "'x|'+1" });
    expect(formulaPieces(exported.csv)).toEqual([]);
  });
});
