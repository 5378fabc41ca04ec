import { join } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import type { Cache } from '../cache/cache';
import type { Clock } from '../clock';
import type { ConnectClient } from '../connect/connect-client';
import type { Sleep } from '../clock';
import { realAfter, realSleep } from '../clock';
import type { CoreError } from '../core-error';
import type { Environments } from '../environments/environments';
import type { Emit } from '../events';
import type { Limiters } from '../connect/limiters';
import type { FolderWatchTuning } from './folder-watchers';
import { FolderWatchers, watchWithFs } from './folder-watchers';
import type { ImportChannel } from './import-handlers';
import { importHandlers, unavailableImports } from './import-handlers';
import { ImportService } from './import-service';
import { Uploads } from './uploads';
import { UserFirst } from './user-first';
import { createWatchedFiles } from './watched-files';

export interface ImportTuning {
  sleep?: Sleep;
  progressEveryMs?: number;
  watchFolders?: FolderWatchTuning;
}

export interface ShopImports {
  service: ImportService | null;
  uploads: Uploads;
  userFirst: UserFirst;
  handlers: Pick<Handlers, ImportChannel>;
  /** Starts the watched export folders' watchers, and follows their settings from then on. */
  startWatching(): Promise<void>;
  close(): Promise<void>;
}

/** The shop-export import over the cache, with its uploads under `<dataDir>/imports/`. */
export function createShopImports(deps: {
  cache: Cache | CoreError;
  dataDir: string;
  environments: Environments;
  clientFor: (environmentId: string) => ConnectClient;
  clock: Clock;
  emit: Emit;
  limiters: Limiters;
  tuning?: ImportTuning | undefined;
}): ShopImports {
  const uploads = new Uploads(join(deps.dataDir, 'imports'));
  const userFirst = new UserFirst();
  if (deps.cache instanceof Error) {
    return {
      service: null,
      uploads,
      userFirst,
      handlers: unavailableImports(deps.cache),
      startWatching: async () => {},
      close: async () => {},
    };
  }
  const tuning = deps.tuning ?? {};
  const service = new ImportService({
    cache: deps.cache,
    uploads,
    clientFor: deps.clientFor,
    clock: deps.clock,
    sleep: tuning.sleep ?? realSleep,
    emit: deps.emit,
    userFirst,
    limiters: deps.limiters,
    progressEveryMs: tuning.progressEveryMs,
  });
  const files = createWatchedFiles(deps.cache.database);
  const watchers = new FolderWatchers({
    environments: deps.environments,
    files,
    service,
    uploads,
    clock: deps.clock,
    after: realAfter,
    watch: watchWithFs,
    recorded: (view) => deps.emit('imports:watched', view),
    problemChanged: (change) => deps.emit('imports:watch-problem', change),
    tuning: tuning.watchFolders,
  });
  let unfollow: (() => void) | undefined;
  return {
    service,
    uploads,
    userFirst,
    handlers: importHandlers({ service, uploads, environments: deps.environments, files, watchers }),
    startWatching: () => {
      unfollow = deps.environments.onChange(({ id, what }) => {
        if (what !== 'selected') void watchers.sync(id).catch(() => undefined);
      });
      return watchers.startAll();
    },
    close: async () => {
      unfollow?.();
      // A watcher waits on its import: the service stops that import, so closing does not wait for it to end.
      const stopping = watchers.close();
      await service.close();
      await stopping;
    },
  };
}
