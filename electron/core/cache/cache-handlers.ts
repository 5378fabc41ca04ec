import type { Handlers } from '../../ipc/register';
import type { CacheStore } from './cache-store';
import { auditToCsv, ordersToCsv } from './csv-export';
import { toSummary } from './order-row';

export type CacheChannel =
  | 'orders:search'
  | 'orders:stores'
  | 'orders:export-csv'
  | 'audit:list'
  | 'audit:export-csv'
  | 'cache:check'
  | 'cache:rebuild';

/**
 * The read-only channels over the cache, for the selected environment, and the file's check and
 * rebuild. When the cache cannot be used, each answers the error that says why and what to do.
 */
export function cacheHandlers(store: CacheStore, environmentId: () => string): Pick<Handlers, CacheChannel> {
  const use = () => store.use();
  return {
    'cache:check': async () => store.check(),
    'cache:rebuild': async () => store.rebuild(),
    'orders:search': async (query) => use().search.search(environmentId(), query),
    'orders:stores': async () => use().orders.stores(environmentId()),
    'orders:export-csv': async ({ filters }) => {
      const rows = use().search.eachMatch(environmentId(), filters);
      return ordersToCsv(
        (function* () {
          for (const row of rows) yield toSummary(row);
        })(),
      );
    },
    'audit:list': async (query) => use().audit.list(query),
    'audit:export-csv': async ({ filters }) => auditToCsv(use().audit.eachEntry(filters)),
  };
}
