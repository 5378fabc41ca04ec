import { join } from 'node:path';
import { CacheStore } from '../core/cache/cache-store';
import { systemClock } from '../core/clock';
import { Connections } from '../core/connect/connections';
import { Environments } from '../core/environments/environments';
import type { SandboxAccess } from '../core/environments/environments';
import { KeyringCredentialStore } from '../core/environments/keyring-store';
import type { Emit } from '../core/events';
import type { Sandbox } from '../core/sandbox';
import { DEMO_CREDENTIALS, startSandbox } from '../core/sandbox';
import type { StagingService } from '../core/staging/staging-service';
import type { StagingTuning } from '../core/staging/staging-setup';
import { createStaging } from '../core/staging/staging-setup';

export interface SessionOptions {
  dataDir: string;
  /** A sandbox already running (`npm run sandbox`); otherwise one is started in this process when needed. */
  sandboxUrl?: string;
  /** Whether the built-in sandbox is needed (the job's environment is it). */
  needsSandbox: boolean;
  emit: Emit;
  tuning?: StagingTuning;
}

export interface StageSession {
  service: StagingService;
  /** Given what the run threw: a damaged file is marked (nothing more is written) and said clearly. */
  noticed(error: unknown): unknown;
  environments: Environments;
  /** Set when this process started the sandbox itself. */
  ownSandbox: Sandbox | null;
  close(): Promise<void>;
}

/** The parts of the core bulk staging needs, on a data folder: the cache, the environments, their clients. */
export async function openStageSession(options: SessionOptions): Promise<StageSession> {
  let ownSandbox: Sandbox | null = null;
  let access: SandboxAccess | null = null;
  if (options.sandboxUrl) access = { baseUrl: options.sandboxUrl.replace(/\/+$/, ''), ...DEMO_CREDENTIALS };
  else if (options.needsSandbox) {
    ownSandbox = await startSandbox();
    access = { baseUrl: ownSandbox.url, ...ownSandbox.credentials };
  }
  const clock = systemClock;
  const store = new CacheStore(join(options.dataDir, 'lastmile.db'), clock);
  try {
    // A cache that cannot be used (damaged, unreadable) stops the run here with its message; nothing is written.
    store.use();
    const environments = await Environments.open({
      dataDir: options.dataDir,
      store: new KeyringCredentialStore(),
      clock,
      sandbox: access,
    });
    const connections = new Connections({ environments, clock, onStatus: () => {} });
    const staging = createStaging({
      cache: () => store.use(),
      noticed: (error) => store.noticed(error),
      clientFor: (id) => connections.client(id),
      selectedEnvironment: () => environments.selectedId,
      clock,
      emit: options.emit,
      ...(options.tuning ? { tuning: options.tuning } : {}),
    });
    return {
      service: staging.service(),
      noticed: (error) => store.noticed(error),
      environments,
      ownSandbox,
      async close() {
        await staging.close();
        store.close();
        await ownSandbox?.close();
      },
    };
  } catch (error) {
    store.close();
    await ownSandbox?.close();
    throw error;
  }
}
