import { searchQuery } from '../../../shared/contract';
import type { Cache } from '../cache/cache';
import type { Environments } from '../environments/environments';
import { SANDBOX_ID } from '../environments/settings-file';
import type { ImportService } from './import-service';
import type { Uploads } from './uploads';

export interface FirstImportDeps {
  cache: () => Cache;
  environments: Pick<Environments, 'selectedId'>;
  service: ImportService;
  uploads: Uploads;
  fetch: typeof fetch;
  /** The built-in sandbox's address, when it runs in this console. */
  sandboxUrl: string | null;
  /** Today's API-only prefetch, for a sandbox that does not serve a shop export. */
  fallback: () => Promise<void>;
}

export const SHOP_EXPORT_PATH = '/_sandbox/shop-export.csv';

/**
 * On first use of the built-in Sandbox with nothing cached for it, imports the sandbox's shop export
 * through the same import a user runs, so names, phones and addresses arrive as they will in production.
 * A sandbox without the export path (404) gets the API-only prefetch instead.
 */
export async function sandboxFirstImport(deps: FirstImportDeps): Promise<void> {
  if (deps.environments.selectedId !== SANDBOX_ID || !deps.sandboxUrl) return;
  let cache: Cache;
  try {
    cache = deps.cache();
  } catch {
    return; // No cache to fill: the cache channels report why.
  }
  if (cache.search.search(SANDBOX_ID, searchQuery.parse({ limit: 1 })).total > 0) return;
  const answer = await deps.fetch(new URL(SHOP_EXPORT_PATH, deps.sandboxUrl));
  if (answer.status === 404) {
    await answer.body?.cancel();
    await deps.fallback();
    return;
  }
  if (!answer.ok) throw new Error(`The sandbox's shop export answered ${answer.status}.`);
  const uploadId = await deps.uploads.add('shop-export.csv', Buffer.from(await answer.arrayBuffer()));
  const { mapping } = await deps.service.inspect(SANDBOX_ID, uploadId);
  await deps.service.start(SANDBOX_ID, uploadId, undefined, mapping);
  await deps.service.idle();
}
