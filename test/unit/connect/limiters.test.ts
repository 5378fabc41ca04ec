import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITER } from '../../../electron/core/connect/adaptive-limiter';
import { Limiters } from '../../../electron/core/connect/limiters';
import { FakeTime } from '../staging/fake-time';

describe('Limiters', () => {
  it('gives every caller of an environment the same limiter, so a cut one finds holds for all', async () => {
    const time = new FakeTime();
    const limiters = new Limiters(time.clock, time.sleep, { ...DEFAULT_LIMITER, initialRate: 10 });
    const staging = limiters.for('sandbox');
    const imports = limiters.for('sandbox');
    expect(imports).toBe(staging);
    (await time.until(staging.acquire())).release('rate_limited');
    expect(imports.rate).toBeCloseTo(10 * DEFAULT_LIMITER.decrease);
    expect(limiters.for('prod').rate).toBe(10);
    expect(limiters.for('prod')).not.toBe(staging);
  });
});
