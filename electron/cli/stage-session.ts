import { createCore } from '../core/create-core';
import type { Environments } from '../core/environments/environments';
import type { Emit } from '../core/events';
import type { Sandbox } from '../core/sandbox';
import type { StagingService } from '../core/staging/staging-service';
import type { StagingTuning } from '../core/staging/staging-setup';

/** A run whose environment is not the built-in one starts no sandbox. */
const NO_BUILT_IN_SANDBOX = false;

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

/** The console's core on a data folder, for bulk staging from the command line: no background work. */
export async function openStageSession(options: SessionOptions): Promise<StageSession> {
  const core = await createCore({
    dataDir: options.dataDir,
    // No renderer is hosted: nothing asks `app:info`, which is all these two are for.
    host: 'browser',
    version: process.env.npm_package_version ?? 'unknown',
    emit: options.emit,
    background: false,
    ...(options.sandboxUrl
      ? { sandboxUrl: options.sandboxUrl }
      : options.needsSandbox
        ? {}
        : { sandbox: NO_BUILT_IN_SANDBOX }),
    staging: options.tuning,
  });
  const { staging, noticed, environments, ownSandbox } = core.services;
  let service: StagingService;
  try {
    // A cache that cannot be used (damaged, unreadable) stops the run here with its message; nothing is written.
    service = staging();
  } catch (error) {
    await core.close();
    throw error;
  }
  return { service, noticed, environments, ownSandbox, close: () => core.close() };
}
