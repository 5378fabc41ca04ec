import type { Handlers } from '../../../shared/contract';
import type { CoreError } from '../core-error';
import type { Cache } from './cache';
import { auditToCsv, ordersToCsv } from './csv-export';
import { toSummary } from './order-row';

export type CacheChannel = 'orders:search' | 'orders:stores' | 'orders:export-csv' | 'audit:list' | 'audit:export-csv';

/** The cache, or the error saying why it could not be opened, for a service that needs it now. */
export function requireCache(cache: Cache | CoreError): Cache {
  if (cache instanceof Error) throw cache;
  return cache;
}

/**
 * The read-only channels over the cache: orders of the screen's environment, refused when it is no
 * longer the selected one; the audit log across environments. When the cache file could not be
 * opened, each answers the error that says why and what to do.
 */
export function cacheHandlers(
  cache: Cache | CoreError,
  requireSelected: (environmentId: string) => { id: string },
): Pick<Handlers, CacheChannel> {
  const use = () => requireCache(cache);
  const env = (environmentId: string) => requireSelected(environmentId).id;
  return {
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
