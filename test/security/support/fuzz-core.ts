import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Core } from '../../../electron/core/create-core';
import { createCore } from '../../../electron/core/create-core';
import type { Handlers } from '../../../shared/contract';
import type { Dispatch } from '../../../electron/ipc/register';
import { createDispatcher } from '../../../electron/ipc/register';
import { tempDir } from '../../support/temp-dir';

export const TRUSTED_SENDER = { url: 'app://lastmile/index.html' };

export interface FuzzCore {
  core: Core;
  dispatch: Dispatch;
  dataDir: string;
  /** How often each real handler was reached. */
  calls: Map<string, number>;
  /** Non-CoreError failures the dispatcher reported: each is a handler bug. */
  bugs: { channel: string; error: unknown }[];
  close(): Promise<void>;
}

/** The real core on a fresh data folder, behind the real dispatcher, with a count of handler calls. */
export async function startFuzzCore(): Promise<FuzzCore> {
  const dir = tempDir('lastmile-fuzz-');
  // No background prefetch: the fuzz compares the data folder before and after refused payloads.
  const core = await createCore({
    dataDir: dir.path,
    host: 'electron',
    version: '0.0.0-fuzz',
    emit: () => {},
    prefetch: false,
  });
  const calls = new Map<string, number>();
  const bugs: FuzzCore['bugs'] = [];
  const counted = Object.fromEntries(
    Object.entries(core.handlers).map(([channel, handler]) => [
      channel,
      (input: unknown) => {
        calls.set(channel, (calls.get(channel) ?? 0) + 1);
        return (handler as (value: unknown) => Promise<unknown>)(input);
      },
    ]),
  ) as Handlers;
  const dispatch = createDispatcher(counted, {
    isTrustedSender: (sender) => sender.url === TRUSTED_SENDER.url,
    reportBug: (channel, error) => bugs.push({ channel, error }),
  });
  return {
    core,
    dispatch,
    dataDir: dir.path,
    calls,
    bugs,
    async close() {
      await core.close();
      dir.remove();
    },
  };
}

/** Every file under the data folder with a hash of its bytes: the SQLite file, its WAL, the settings. */
export function snapshotDir(dir: string): Record<string, string> {
  const walk = (path: string): string[] =>
    readdirSync(path, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(path, e.name)) : [join(path, e.name)],
    );
  return Object.fromEntries(
    walk(dir).map((file) => [relative(dir, file), createHash('sha256').update(readFileSync(file)).digest('hex')]),
  );
}

/** A snapshot once the folder has stopped changing (the core may still be finishing its start-up). */
export async function settledSnapshot(dir: string, quietMs = 300, timeoutMs = 10_000): Promise<Record<string, string>> {
  const deadline = Date.now() + timeoutMs;
  let previous = snapshotDir(dir);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const current = snapshotDir(dir);
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    if (Date.now() > deadline) throw new Error(`The data folder kept changing for ${timeoutMs} ms after start-up.`);
    previous = current;
  }
}
