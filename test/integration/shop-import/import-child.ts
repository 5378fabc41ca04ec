/**
 * A console process for the crash test: `import-child <dataDir> <sandboxUrl> [file]` opens the core on
 * the data folder against a sandbox run by the test, imports `file` if given (else only resumes what
 * the folder's journal left), waits until nothing is under way and exits 0.
 */
import { readFileSync } from 'node:fs';
import { createCore } from '../../../electron/core/create-core';
import type { Sandbox } from '../../../electron/core/sandbox';
import { DEMO_CREDENTIALS } from '../../../electron/core/sandbox';
import { DEFAULT_LIMITER } from '../../../electron/core/connect/adaptive-limiter';
import { createDispatcher } from '../../../electron/ipc/register';
import { MemoryCredentialStore } from '../../support/memory-credential-store';

const CHUNK_BYTES = 1024 * 1024;

async function main(): Promise<void> {
  const [dataDir, url, file] = process.argv.slice(2) as [string, string, string | undefined];
  const sandbox = {
    url,
    credentials: DEMO_CREDENTIALS,
    demoOrders: () => [],
    close: async () => {},
  } as unknown as Sandbox;
  const core = await createCore({
    dataDir,
    host: 'browser',
    version: '0.0.0-test',
    credentialStore: new MemoryCredentialStore(),
    emit: () => {},
    sandbox,
    prefetch: false,
    limiter: { ...DEFAULT_LIMITER, initialRate: 100, maxRate: 200, maxInFlight: 4 },
  });
  const dispatch = createDispatcher(core.handlers, { isTrustedSender: () => true });
  const call = async (channel: string, input: unknown) => {
    const answer = await dispatch(channel, input, { url: 'app://console/' });
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    return answer.value as Record<string, unknown>;
  };
  if (file) {
    // In chunks under the channel's cap, as the Import screen sends a large file.
    const bytes = readFileSync(file);
    let uploadId: string | undefined;
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      const answer = await call('imports:upload', {
        ...(uploadId ? { uploadId } : {}),
        name: 'export.csv',
        chunkBase64: bytes.subarray(at, at + CHUNK_BYTES).toString('base64'),
        last: at + CHUNK_BYTES >= bytes.length,
      });
      uploadId = answer.uploadId as string;
    }
    const seen = await call('imports:inspect', { environmentId: 'sandbox', uploadId });
    const job = await call('imports:start', { environmentId: 'sandbox', uploadId, mapping: seen.mapping });
    process.stdout.write(`${JSON.stringify({ started: job.id })}\n`);
  }
  await core.idle();
  await core.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(String(error instanceof Error ? error.stack : error));
    process.exit(1);
  },
);
