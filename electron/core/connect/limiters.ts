import type { Clock, Sleep } from '../clock';
import type { LimiterOptions } from './adaptive-limiter';
import { AdaptiveLimiter, DEFAULT_LIMITER } from './adaptive-limiter';

/**
 * One adaptive limiter per environment, shared by everything that sends background requests there
 * (staging jobs, shop-export imports, the watcher): the API's limit is per environment, so the rate one
 * of them finds is the rate the others must keep to.
 */
export class Limiters {
  private readonly byEnvironment = new Map<string, AdaptiveLimiter>();

  constructor(
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    readonly options: LimiterOptions = DEFAULT_LIMITER,
  ) {}

  for(environmentId: string): AdaptiveLimiter {
    let limiter = this.byEnvironment.get(environmentId);
    if (!limiter) {
      limiter = new AdaptiveLimiter(this.clock, this.sleep, this.options);
      this.byEnvironment.set(environmentId, limiter);
    }
    return limiter;
  }
}
