import type pg from 'pg';
import type { TeamJobProgress } from '../../../shared/contract';
import { teamJobProgress } from '../../../shared/contract';
import { MAX_TEAM_JOBS } from '../../../shared/limits';

/** Where a console announces that one of its jobs moved on; the payload is the job's row (see ROW_JSON). */
export const PROGRESS_CHANNEL = 'lastmile_staging_progress';

/** A job's progress as it travels: with the publishing core's id, so a console skips its own rows. */
export const publishedProgress = teamJobProgress.extend({ consoleId: teamJobProgress.shape.jobId });
export type PublishedProgress = TeamJobProgress & { consoleId: string };

/** A running job republishes this often even when nothing moved, so a listing can tell it from a dead console's. */
export const PROGRESS_HEARTBEAT_MS = 15_000;
/** A running job's row older than this is a console that stopped without saying so: not listed. */
const STALE_AFTER_S = 60;

const ROW_JSON = `json_build_object('environmentId', environment_id, 'jobId', job_id, 'consoleId', console_id,
  'consoleName', console_name, 'name', job_name, 'state', state, 'total', total, 'staged', staged,
  'failed', failed, 'pending', pending,
  'updatedAt', to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/**
 * Writes a job's row and notifies in one statement: the notification goes out when it commits, so a
 * console that hears it and then lists finds the row as announced.
 */
export async function publishProgress(client: pg.ClientBase, row: PublishedProgress): Promise<void> {
  await client.query(
    `WITH written AS (
       INSERT INTO team_staging_progress (environment_id, job_id, console_id, console_name, job_name, state,
         total, staged, failed, pending, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
       ON CONFLICT (environment_id, job_id) DO UPDATE SET console_id = EXCLUDED.console_id,
         console_name = EXCLUDED.console_name, job_name = EXCLUDED.job_name, state = EXCLUDED.state,
         total = EXCLUDED.total, staged = EXCLUDED.staged, failed = EXCLUDED.failed,
         pending = EXCLUDED.pending, updated_at = EXCLUDED.updated_at
       RETURNING *)
     SELECT pg_notify('${PROGRESS_CHANNEL}', ${ROW_JSON}::text) FROM written`,
    [
      row.environmentId,
      row.jobId,
      row.consoleId,
      row.consoleName,
      row.name,
      row.state,
      row.total,
      row.staged,
      row.failed,
      row.pending,
    ],
  );
}

/** Ended jobs' rows are kept a day (a late listener still learns how they ended), then removed. */
export async function pruneProgress(client: pg.ClientBase, environmentId: string): Promise<void> {
  await client.query(
    `DELETE FROM team_staging_progress WHERE environment_id = $1 AND updated_at < now() - interval '1 day'`,
    [environmentId],
  );
}

/** The jobs other consoles are running in the environment, newest first. */
export async function otherRunningJobs(
  client: pg.ClientBase,
  environmentId: string,
  consoleId: string,
): Promise<TeamJobProgress[]> {
  const rows = await client.query<{ row: unknown }>(
    `SELECT ${ROW_JSON} AS row FROM team_staging_progress
      WHERE environment_id = $1 AND console_id <> $2 AND state IN ('running', 'waiting_for_network')
        AND updated_at > now() - make_interval(secs => $3)
      ORDER BY updated_at DESC LIMIT $4`,
    [environmentId, consoleId, STALE_AFTER_S, MAX_TEAM_JOBS],
  );
  return rows.rows.flatMap(({ row }) => {
    const parsed = publishedProgress.safeParse(row);
    if (!parsed.success) return [];
    const { consoleId: _publisher, ...progress } = parsed.data;
    return [progress];
  });
}

/** A notification's payload as a job of another console; null for this console's own or one not understood. */
export function heardProgress(payload: string, environmentId: string, consoleId: string): TeamJobProgress | null {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = publishedProgress.safeParse(json);
  if (!parsed.success || parsed.data.environmentId !== environmentId || parsed.data.consoleId === consoleId) {
    return null;
  }
  const { consoleId: _publisher, ...progress } = parsed.data;
  return progress;
}
