import { join } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import type { Cache } from '../cache/cache';
import type { Clock } from '../clock';
import type { ConnectClient } from '../connect/connect-client';
import type { Sleep } from '../clock';
import { realSleep } from '../clock';
import type { CoreError } from '../core-error';
import type { Environments } from '../environments/environments';
import type { Emit } from '../events';
import type { Limiters } from '../connect/limiters';
import type { ImportChannel } from './import-handlers';
import { importHandlers, unavailableImports } from './import-handlers';
import { ImportService } from './import-service';
import { Uploads } from './uploads';
import { UserFirst } from './user-first';

export interface ImportTuning {
  sleep?: Sleep;
  progressEveryMs?: number;
}

export interface ShopImports {
  service: ImportService | null;
  uploads: Uploads;
  userFirst: UserFirst;
  handlers: Pick<Handlers, ImportChannel>;
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
    return { service: null, uploads, userFirst, handlers: unavailableImports(deps.cache), close: async () => {} };
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
  return {
    service,
    uploads,
    userFirst,
    handlers: importHandlers({ service, uploads, environments: deps.environments }),
    close: () => service.close(),
  };
}
