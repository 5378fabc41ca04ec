import { afterEach, describe, expect, it } from 'vitest';
import { Limiters } from '../../../electron/core/connect/limiters';
import { StagingService } from '../../../electron/core/staging/staging-service';
import type { RunnerFixture } from './runner-fixture';
import { runnerFixture } from './runner-fixture';

let f: RunnerFixture;
afterEach(() => f?.close());

function service(): StagingService {
  return new StagingService({
    journal: f.journal,
    recorder: { orderSeen: () => {}, staged: () => {} },
    clock: f.time.clock,
    sleep: f.time.sleep,
    limiters: new Limiters(f.time.clock, f.time.sleep),
    apiFor: () => f.api,
    onProgress: () => {},
    auditJob: () => {},
  });
}

describe('"Retry failed"', () => {
  it('sends again only what can succeed, and names each order it left with why', async () => {
    f = runnerFixture(['WAIT', 'GONE', 'CANCELED', 'BAGS']);
    f.api.scripts.set('WAIT', [{ wait2003: 600 }]);
    f.api.orders.delete('GONE');
    f.api.orders.set('CANCELED', 'canceled');
    f.api.scripts.set('BAGS', [{ validation: 'bags_count is too large' }]);
    const staging = service();
    await f.time.until(staging.resume(f.jobId).then(() => staging.settled(f.jobId)));
    expect(staging.view(f.jobId)).toMatchObject({ state: 'finished', done: 0, failed: 4 });

    const retried = await staging.retryFailed(f.jobId);
    expect(retried.retry.retried).toBe(1);
    expect(Object.fromEntries(retried.retry.left.map((order) => [order.orderId, order.reason]))).toEqual({
      GONE: 'Instacart has no such order in this environment.',
      CANCELED: expect.stringMatching(/^Order CANCELED was canceled/) as string,
      BAGS: expect.stringMatching(/refused the values sent/) as string,
    });
    const after = await f.time.until(staging.settled(f.jobId));
    expect(after).toMatchObject({ state: 'finished', done: 1, failed: 3 });
    expect(f.api.stagesAccepted.get('WAIT')).toBe(1);
    // Nothing more a retry could fix: refused, with the first reason in the message.
    await expect(staging.retryFailed(f.jobId)).rejects.toMatchObject({
      appError: { code: 'nothing_retryable', message: expect.stringMatching(/^None of the 3 failed orders/) as string },
    });
    await staging.close();
  });
});
