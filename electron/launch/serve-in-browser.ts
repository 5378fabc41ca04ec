import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserConsole } from '../browser-console';
import { intArg, parseArgs } from './args';
import { packageVersion, rendererDist } from './paths';
import { defaultDataDir } from '../core/data-dir';

/** Runs the console in the browser host until interrupted, printing the URL to open. */
export async function serveInBrowser(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  const dataDirArg = args.get('data-dir');
  const dataDir = typeof dataDirArg === 'string' ? dataDirArg : defaultDataDir();
  if (!existsSync(join(rendererDist, 'index.html'))) {
    throw new Error('The renderer is not built: run "npm run build" first (npm start does it for you).');
  }
  const running = await startBrowserConsole({
    dataDir,
    version: packageVersion(),
    staticDir: rendererDist,
    port: intArg(args, 'port', 0),
  });
  process.stdout.write(`Last Mile Console is ready. Open this URL in your browser:\n  ${running.host.openUrl}\n`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
