import type { Handlers } from '../../../shared/contract';
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
export function cacheHandlers(
  store: CacheStore,
  requireSelected: (environmentId: string) => { id: string },
): Pick<Handlers, CacheChannel> {
  const use = () => store.use();
  const env = (environmentId: string) => requireSelected(environmentId).id;
  return {
    'cache:check': async () => store.check(),
    'cache:rebuild': async () => store.rebuild(),
    'orders:search': async ({ environmentId, ...query }) => use().search.search(env(environmentId), query),
    'orders:stores': async ({ environmentId }) => use().orders.stores(env(environmentId)),
    'orders:export-csv': async ({ environmentId, filters }) => {
      const rows = use().search.eachMatch(env(environmentId), filters);
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
