import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView, StagePreview } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import type { StagingSandbox } from '../../support/staging-sandbox';
import { startStagingSandbox } from '../../support/staging-sandbox';

let env: StagingSandbox;
let harness: CoreHarness;

beforeAll(async () => {
  // Slow answers keep the job running long enough to be seen.
  env = await startStagingSandbox(20, { faults: { latencyMs: 400 } });
  harness = await startCoreHarness({ sandbox: env.sandbox });
});
afterAll(async () => {
  await harness.close();
  await env.sandbox.close();
});

describe('what a restart would interrupt', () => {
  it('is a running staging job while it sends, and nothing once it has finished', async () => {
    expect(harness.core.runningWork()).toEqual([]);
    const [a, b] = env.stageable as [string, string];
    const preview = await harness.value<StagePreview>('staging:preview', {
      environmentId: 'sandbox',
      source: { kind: 'csv', csv: `order_id,bags_count\n${a},1\n${b},2\n` },
      defaults: { items_count: 3 },
    });
    const started = await harness.value<JobView>('staging:start', {
      environmentId: 'sandbox',
      rows: preview.rows,
      name: 'Restart check',
    });
    expect(harness.core.runningWork()).toEqual(['a bulk staging job']);
    await expect
      .poll(
        async () =>
          (await harness.value<JobView>('staging:job', { environmentId: 'sandbox', jobId: started.jobId })).state,
        {
          timeout: 20_000,
        },
      )
      .toBe('finished');
    await expect.poll(() => harness.core.runningWork()).toEqual([]);
  });
});
