import { createCore } from '../../../electron/core/create-core';
import { MemoryCredentialStore } from '../../support/memory-credential-store';

/**
 * Run as a child process by team-crash.test.ts: a console core on the data folder given joins the team
 * database given, which starts sending its outbox in small batches; it is killed with SIGKILL meanwhile.
 */
const [dataDir, teamUrl] = process.argv.slice(2);

async function main(): Promise<void> {
  const core = await createCore({
    dataDir: dataDir!,
    host: 'browser',
    version: '0.0.0-test',
    emit: () => undefined,
    sandbox: false,
    background: false,
    credentialStore: new MemoryCredentialStore(),
    team: { pollMs: 20, batch: 100, retryDelaysMs: [100] },
  });
  const result = await core.handlers['team:set']({ id: 'sandbox', url: teamUrl! });
  process.stdout.write(`linked ${result.url}\n`);
  // Kept alive until killed.
  setInterval(() => undefined, 1_000);
}

void main();
