import type pg from 'pg';
import { CoreError } from '../core-error';

/** A team database as an environment keeps it: the URL without its password (that is in the keychain). */
export interface TeamDatabaseAddress {
  host: string;
  port: number;
  database: string;
  user: string;
  /** False only when the URL says `sslmode=disable`: otherwise TLS with the server's certificate verified. */
  tls: boolean;
}

function invalid(message: string): CoreError {
  return new CoreError({
    code: 'invalid_team_database',
    key: 'teamDatabaseUrl',
    message,
    hint: 'Enter it as postgres://user@host:5432/database (the password goes in its own field). Add ?sslmode=disable only for a server on this computer or a private network you trust.',
  });
}

/**
 * Reads a PostgreSQL URL. A password in it is returned apart, to go to the keychain; any `sslmode` other
 * than `disable` means verified TLS, since `require` without verification would trust any server.
 */
export function parseTeamUrl(url: string): { address: TeamDatabaseAddress; password: string | null } {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw invalid('The team database address is not a URL.');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw invalid('The team database address must start with postgres://.');
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(parsed.username);
  if (!parsed.hostname || !database || !user)
    throw invalid('The team database address needs a user, a host and a database.');
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode !== null && !['disable', 'require', 'verify-ca', 'verify-full'].includes(sslmode)) {
    throw invalid(`The team database address has an unknown sslmode "${sslmode}".`);
  }
  return {
    address: {
      host: parsed.hostname.replace(/^\[|\]$/g, ''),
      port: parsed.port ? Number(parsed.port) : 5432,
      database,
      user,
      tls: sslmode !== 'disable',
    },
    password: parsed.password ? decodeURIComponent(parsed.password) : null,
  };
}

/** The address as the Environments screen shows it: never with a password. */
export function teamUrlOf(address: TeamDatabaseAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  const tls = address.tls ? '' : '?sslmode=disable';
  return `postgres://${encodeURIComponent(address.user)}@${host}:${address.port}/${encodeURIComponent(address.database)}${tls}`;
}

export function clientConfig(address: TeamDatabaseAddress, password: string | null): pg.ClientConfig {
  return {
    host: address.host,
    port: address.port,
    database: address.database,
    user: address.user,
    ...(password !== null ? { password } : {}),
    ssl: address.tls ? { rejectUnauthorized: true, servername: address.host } : false,
    connectionTimeoutMillis: 5_000,
    application_name: 'Last Mile Console',
  };
}
