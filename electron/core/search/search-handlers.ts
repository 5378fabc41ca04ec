import type { Handlers } from '../../../shared/contract';
import { ordersToCsv } from '../csv/csv-export';
import { toSummary } from '../store/order-row';
import type { OrderSearch } from './order-search';

export type SearchChannel = 'orders:search' | 'orders:stores' | 'orders:export-csv';

/** Search over the cached orders of the environment the screen names; an unusable cache answers why. */
export function searchHandlers(
  use: () => { search: OrderSearch; orders: { stores(environmentId: string): string[] } },
  requireSelected: (environmentId: string) => { id: string },
  zoneOf: (environmentId: string, store: string | null) => string,
): Pick<Handlers, SearchChannel> {
  const env = (environmentId: string) => requireSelected(environmentId).id;
  return {
    'orders:search': async ({ environmentId, ...query }) => use().search.search(env(environmentId), query),
    'orders:stores': async ({ environmentId }) => use().orders.stores(env(environmentId)),
    'orders:export-csv': async ({ environmentId, filters }) => {
      const id = env(environmentId);
      const rows = use().search.eachMatch(id, filters);
      return ordersToCsv(
        (function* () {
          for (const row of rows) yield toSummary(row);
        })(),
        (store) => zoneOf(id, store),
      );
    },
  };
}
