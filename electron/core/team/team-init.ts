import type pg from 'pg';
import { migrateTeam } from './team-schema';

export const CONSOLE_ROLE = 'lastmile_console';

export interface TeamInitResult {
  from: number;
  to: number;
  role: string;
  /** True when the role was made here (it then has the password given); false when it existed. */
  created: boolean;
}

/**
 * Creates or updates the team schema and the role the consoles sign in with. The role may read and add
 * rows, update orders and take or give back staging claims and publish staging progress, nothing more: no DDL, and no UPDATE or DELETE on history and audit entries, so
 * a console (or a stolen console password) cannot rewrite what the team did.
 */
export async function initTeamDatabase(
  client: pg.Client,
  options: { role?: string; password: string | null },
): Promise<TeamInitResult> {
  const role = options.role ?? CONSOLE_ROLE;
  const { from, to } = await migrateTeam(client);
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const name = client.escapeIdentifier(role);
  const created = exists.rowCount === 0;
  if (created) {
    const password = options.password === null ? '' : ` PASSWORD ${client.escapeLiteral(options.password)}`;
    await client.query(`CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${password}`);
  } else if (options.password !== null) {
    await client.query(`ALTER ROLE ${name} PASSWORD ${client.escapeLiteral(options.password)}`);
  }
  const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
  await client.query(`
    GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database)} TO ${name};
    GRANT USAGE ON SCHEMA public TO ${name};
    GRANT SELECT ON team_schema TO ${name};
    GRANT SELECT, INSERT, UPDATE ON team_orders TO ${name};
    GRANT SELECT, INSERT ON team_order_events, team_audit TO ${name};
    GRANT USAGE ON SEQUENCE team_change_seq TO ${name};
    GRANT SELECT, INSERT, UPDATE, DELETE ON team_staging_claims TO ${name};
    GRANT SELECT, INSERT, UPDATE, DELETE ON team_staging_progress TO ${name};
  `);
  return { from, to, role, created };
}
