import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { isCoreError } from '../core/core-error';
import { parseTeamUrl, clientConfig } from '../core/team/team-connection';
import { initTeamDatabase } from '../core/team/team-init';
import { parseArgs } from '../launch/args';
import { run } from './run';

const USAGE =
  'Usage: npm run team-db -- --init postgres://owner:password@host:5432/database [--role NAME]\n' +
  '  Creates or updates the team schema and the role consoles sign in with. The role gets a new random\n' +
  '  password, printed once, unless LASTMILE_CONSOLE_PASSWORD is set or --keep-password is given.';
const KNOWN = new Set(['init', 'role', 'keep-password', 'help']);

run(async () => {
  const args = parseArgs(process.argv.slice(2));
  const unknown = [...args.keys()].filter((name) => !KNOWN.has(name));
  if (unknown.length > 0) throw new Error(`Unknown option --${unknown[0]}.\n${USAGE}`);
  const url = args.get('init');
  if (args.has('help') || typeof url !== 'string') {
    process.stdout.write(`${USAGE}\n`);
    if (!args.has('help')) process.exitCode = 1;
    return;
  }
  const role = args.get('role');
  if (role === true) throw new Error(`--role needs a name.\n${USAGE}`);
  const { address, password } = parseTeamUrl(url);
  const fromEnv = process.env.LASTMILE_CONSOLE_PASSWORD;
  const generated = !fromEnv && !args.has('keep-password');
  const consolePassword = fromEnv || (generated ? randomBytes(18).toString('base64url') : null);
  const client = new pg.Client(clientConfig(address, password));
  try {
    await client.connect();
  } catch (error) {
    if (isCoreError(error)) throw error;
    throw new Error(`Could not reach the database at ${address.host}:${address.port}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    const result = await initTeamDatabase(client, { role, password: consolePassword });
    const schema =
      result.from === result.to ? `already at version ${result.to}` : `from version ${result.from} to ${result.to}`;
    const lines = [
      `Team schema ${schema} on ${address.host}:${address.port}/${address.database}.`,
      `Consoles sign in as "${result.role}" (${result.created ? 'created' : 'existing role, grants checked'}).`,
    ];
    if (generated) {
      lines.push(`Its new password (shown once; enter it on each console's Environments screen): ${consolePassword}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await client.end();
  }
});
