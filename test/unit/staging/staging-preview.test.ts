import { describe, expect, it } from 'vitest';
import type { CachedOrderBrief } from '../../../electron/core/staging/staging-preview';
import { previewStoreWindow } from '../../../electron/core/staging/staging-preview';
import { MAX_EXCLUDED_ORDERS, MAX_JOB_ORDERS } from '../../../shared/limits';

describe('a store-and-window preview', () => {
  it('lists at most MAX_EXCLUDED_ORDERS orders left out, then one entry counting the others by reason', () => {
    const staged = Array.from({ length: MAX_EXCLUDED_ORDERS + 30 }, (_, i): CachedOrderBrief => ({
      orderId: `S${i}`,
      status: 'staged',
    }));
    const open = Array.from({ length: MAX_JOB_ORDERS + 20 }, (_, i): CachedOrderBrief => ({
      orderId: `O${i}`,
      status: 'brand_new',
    }));
    const preview = previewStoreWindow([...staged, ...open], {});
    expect(preview.rows).toHaveLength(MAX_JOB_ORDERS);
    expect(preview.excluded).toHaveLength(MAX_EXCLUDED_ORDERS + 1);
    expect(preview.excluded[0]).toEqual({ orderId: 'S0', reason: expect.stringMatching(/cached status is staged/) });
    const summary = preview.excluded.at(-1)!;
    expect(summary).toMatchObject({ orderId: '', omitted: 50 });
    expect(summary.reason).toBe(
      '…and 50 more orders like these, not listed: "Its cached status is staged" (30); "More orders than one job stages" (20).',
    );
  });
});
