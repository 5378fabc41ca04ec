import type { ChannelName } from '../../shared/contract';
import { join } from 'node:path';
import type { AppInfo } from '../../shared/domain';
import type { Handlers } from '../ipc/register';
import type { Cache } from './cache/cache';
import { openCache } from './cache/cache';
import { cacheHandlers } from './cache/cache-handlers';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { CoreError, isCoreError } from './core-error';
import type { Emit } from './events';

export interface CoreConfig {
  /** Folder for the SQLite file and the settings; created if missing. */
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  emit: Emit;
  clock?: Clock;
  fetch?: typeof fetch;
}

export interface Core {
  handlers: Handlers;
  close(): Promise<void>;
}

function notBuiltYet(channel: ChannelName) {
  return async (): Promise<never> => {
    throw new CoreError({
      code: 'not_available',
      message: `${channel} is not available in this build.`,
    });
  };
}

/** The cache, or why it could not be opened: the console still starts and says so where it is needed. */
function openCacheOrError(dataDir: string, clock: Clock): Cache | CoreError {
  try {
    return openCache(join(dataDir, 'lastmile.db'), { clock });
  } catch (error) {
    if (isCoreError(error)) return error;
    throw error;
  }
}

export async function createCore(config: CoreConfig): Promise<Core> {
  const clock = config.clock ?? systemClock;
  const cache = openCacheOrError(config.dataDir, clock);
  // The built-in sandbox is the only environment until environments can be added and selected.
  const selectedEnvironmentId = () => 'sandbox';
  const appInfo = async (): Promise<AppInfo> => ({
    name: 'Last Mile Console',
    version: config.version,
    environment: { id: 'sandbox', name: 'Sandbox', kind: 'sandbox', baseUrl: '' },
    online: false,
    lastSuccessAt: null,
    host: config.host,
  });
  const handlers = {
    'app:info': appInfo,
    ...cacheHandlers(cache, selectedEnvironmentId),
  } as Partial<Handlers>;
  const { channelNames } = await import('../../shared/contract');
  for (const name of channelNames) {
    if (!handlers[name]) (handlers as Record<string, unknown>)[name] = notBuiltYet(name);
  }
  return {
    handlers: handlers as Handlers,
    close: async () => {
      if (!(cache instanceof Error)) cache.close();
    },
  };
}
