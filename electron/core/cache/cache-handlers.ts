import type { Handlers } from '../../../shared/contract';
import type { CacheStore } from './cache-store';

export type CacheChannel = 'cache:check' | 'cache:rebuild';

/** The cache file's check and rebuild: they work even when the file cannot be used. */
export function cacheHandlers(store: CacheStore): Pick<Handlers, CacheChannel> {
  return {
    'cache:check': async () => store.check(),
    'cache:rebuild': async () => store.rebuild(),
  };
}
