import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The superuser the test server is created with, and its password (the server listens on loopback only). */
export const PG_ADMIN = 'lastmile_admin';
const ADMIN_PASSWORD = 'test-admin-password';

export interface TestPostgres {
  /** The superuser's URL (with its password), for `team-db --init` and for checks behind the consoles' back. */
  adminUrl: string;
  port: number;
  /** Creates an empty database and answers the superuser's URL for it. */
  createDatabase(name: string): Promise<string>;
  /** The URL of a database for another user (TLS off: the server is on loopback). */
  urlFor(user: string, password: string, database: string): string;
  /** Stops the server as `pg_ctl stop -m fast` does: connections are cut, the data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** initdb and pg_ctl from PATH, or from Debian's versioned folder (which is not on PATH). */
export function findPostgresBin(): string {
  const onPath = (process.env.PATH ?? '').split(delimiter).find((dir) => existsSync(join(dir, 'initdb')));
  if (onPath) return onPath;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) {
    throw new Error('PostgreSQL is not installed: no initdb on PATH or under /usr/lib/postgresql/*/bin.');
  }
  return join(base, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A PostgreSQL server of the test's own: a fresh cluster in a temporary folder, listening on a free
 * loopback port with password authentication. initdb refuses to run as root, so under root (CI) the
 * server runs as the `postgres` user on a folder that user owns.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBin();
  const root = mkdtempSync(join(tmpdir(), 'lastmile-pg-'));
  const data = join(root, 'data');
  const asRoot = userInfo().uid === 0;
  const as = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args);
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(root, Number(stdout.trim()), Number(gid.trim()));
  }
  chmodSync(root, 0o700);
  const pwfile = join(root, 'pw');
  writeFileSync(pwfile, ADMIN_PASSWORD);
  if (asRoot) await run('chown', ['postgres', pwfile]);
  await as('initdb', [
    '-D',
    data,
    '-U',
    PG_ADMIN,
    `--pwfile=${pwfile}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  rmSync(pwfile);
  const port = await freePort();
  // The socket goes in the test's folder: the system's socket folder may not exist or be writable.
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = async () => {
    await as('pg_ctl', ['-D', data, '-l', join(root, 'log'), '-o', options, '-w', '-t', '60', 'start']);
  };
  const stop = async () => {
    await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  await start();
  const urlFor = (user: string, password: string, database: string) =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}?sslmode=disable`;
  const adminUrl = urlFor(PG_ADMIN, ADMIN_PASSWORD, 'postgres');
  return {
    adminUrl,
    port,
    urlFor,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return urlFor(PG_ADMIN, ADMIN_PASSWORD, name);
    },
    stop,
    start,
    async close() {
      await stop().catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
