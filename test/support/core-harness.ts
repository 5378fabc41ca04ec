import type { Core, CoreConfig } from '../../electron/core/create-core';
import { createCore } from '../../electron/core/create-core';
import { KeyringCredentialStore } from '../../electron/core/environments/keyring-store';
import { createDispatcher } from '../../electron/ipc/register';
import type { Result } from '../../shared/result';
import { tempDir } from './temp-dir';

/** The keychain service the tests use, so a run on a desktop never touches the console's real entries. */
export const TEST_KEYCHAIN_SERVICE = 'Last Mile Console test';

export interface CoreHarness {
  core: Core;
  dataDir: string;
  /** Calls a channel through the real dispatcher, exactly as the renderer would. */
  call<T = unknown>(channel: string, input?: unknown): Promise<Result<T>>;
  /** Calls a channel and returns its value, failing the test with the error if it fails. */
  value<T = unknown>(channel: string, input?: unknown): Promise<T>;
  /** Every answer and every event the renderer has received, in order. */
  received: unknown[];
  events: { name: string; payload: unknown }[];
  close(): Promise<void>;
}

/** The core on a fresh data folder with the real keychain, seen from the renderer's side of the dispatcher. */
export async function startCoreHarness(config: Partial<CoreConfig> = {}): Promise<CoreHarness> {
  const dir = tempDir('lastmile-core-');
  const received: unknown[] = [];
  const events: { name: string; payload: unknown }[] = [];
  const core = await createCore({
    dataDir: dir.path,
    host: 'browser',
    version: '0.0.0-test',
    credentialStore: new KeyringCredentialStore(TEST_KEYCHAIN_SERVICE),
    emit: (name, payload) => {
      events.push({ name, payload });
      received.push(payload);
    },
    ...config,
  });
  const dispatch = createDispatcher(core.handlers, { isTrustedSender: () => true });
  const call = async <T>(channel: string, input?: unknown): Promise<Result<T>> => {
    const result = (await dispatch(channel, input, { url: 'app://console/' })) as Result<T>;
    received.push(result);
    return result;
  };
  return {
    core,
    dataDir: dir.path,
    call,
    async value<T>(channel: string, input?: unknown): Promise<T> {
      const result = await call<T>(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.value;
    },
    received,
    events,
    async close() {
      await core.close();
      dir.remove();
    },
  };
}
