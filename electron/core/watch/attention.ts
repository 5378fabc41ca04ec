import type { Database } from 'better-sqlite3';
import type { AttentionKind } from '../../../shared/attention';
import { ATTENTION_KINDS } from '../../../shared/attention';
import type { AttentionList, AttentionRow } from '../../../shared/contract';
import { NOT_FOUND_STATUS } from '../../../shared/contract';
import { MAX_ATTENTION_ROWS } from '../../../shared/limits';
import { ackKey } from './watch-store';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Each kind's query stops here: the list shows MAX_ATTENTION_ROWS, and a count past this says "at least". */
const PER_KIND = MAX_ATTENTION_ROWS * 4;

/** Not delivered, not canceled, and known to Instacart: an order that can still run late. */
const UNDER_WAY = `('created', 'brand_new', 'acknowledged', 'staged', 'delivering', 'rescheduled')`;

interface OrderRow {
  order_id: string;
  status: string;
  window_starts_at: string | null;
  window_ends_at: string | null;
  cancellation_reason: string | null;
  fetched_ms: number;
}

interface JobRow extends OrderRow {
  job_id: string;
  job_name: string;
  detail: string | null;
}

const minutes = (ms: number) => Math.max(1, Math.round(Math.abs(ms) / MINUTE));

function errorText(json: string | null): string {
  if (!json) return 'no reason recorded';
  try {
    return (JSON.parse(json) as { message?: string }).message ?? json;
  } catch {
    return json;
  }
}

/**
 * The orders that need someone now, read from the cache as the console last learned them (the watcher
 * keeps it fresh): each row says why, and names its exact cause, so an acknowledged row stays hidden
 * until its cause changes. Orders whose window is more than a day away or over a day ago are left out.
 */
export function createAttention(db: Database) {
  const late = db.prepare<{ env: string; now: number }, OrderRow>(`
    SELECT order_id, status, window_starts_at, window_ends_at, cancellation_reason, fetched_ms FROM orders
    WHERE environment_id = @env AND window_start_ms BETWEEN @now - ${DAY} AND @now AND status IN ${UNDER_WAY}
    ORDER BY window_start_ms LIMIT ${PER_KIND}`);
  const canceled = db.prepare<{ env: string; now: number }, OrderRow>(`
    SELECT order_id, status, window_starts_at, window_ends_at, cancellation_reason, fetched_ms FROM orders
    WHERE environment_id = @env AND status = 'canceled' AND window_start_ms BETWEEN @now - ${DAY} AND @now + ${DAY}
    ORDER BY window_start_ms LIMIT ${PER_KIND}`);
  // The API does not say which stores dispatch; a store where the console has seen an order staged does.
  const notStaged = db.prepare<{ env: string; now: number; lead: number }, OrderRow>(`
    WITH dispatch (store) AS (
      SELECT store_location FROM orders WHERE environment_id = @env AND status = 'staged'
      UNION
      SELECT o.store_location FROM staging_items i JOIN staging_jobs j ON j.id = i.job_id
        JOIN orders o ON o.environment_id = j.environment_id AND o.order_id = i.order_id
      WHERE j.environment_id = @env AND i.state = 'done'
    )
    SELECT order_id, status, window_starts_at, window_ends_at, cancellation_reason, fetched_ms FROM orders
    WHERE environment_id = @env AND status IN ('brand_new', 'acknowledged')
      AND window_start_ms BETWEEN @now AND @now + @lead AND store_location IN (SELECT store FROM dispatch)
    ORDER BY window_start_ms LIMIT ${PER_KIND}`);
  const stagingFailed = db.prepare<{ env: string }, JobRow>(`
    SELECT i.order_id, coalesce(o.status, '') AS status, o.window_starts_at, o.window_ends_at,
      o.cancellation_reason, coalesce(o.fetched_ms, i.updated_ms) AS fetched_ms,
      j.id AS job_id, j.name AS job_name, i.last_error AS detail
    FROM staging_items i JOIN staging_jobs j ON j.id = i.job_id
      LEFT JOIN orders o ON o.environment_id = j.environment_id AND o.order_id = i.order_id
    WHERE j.environment_id = @env AND i.state = 'failed'
      AND coalesce(o.status, 'brand_new') IN ('brand_new', 'acknowledged', 'rescheduled')
    ORDER BY i.updated_ms DESC LIMIT ${PER_KIND}`);
  const notFound = db.prepare<{ env: string }, JobRow>(`
    SELECT r.order_id, o.status, o.window_starts_at, o.window_ends_at, o.cancellation_reason, o.fetched_ms,
      j.id AS job_id, j.file_name AS job_name, NULL AS detail
    FROM import_rows r JOIN import_jobs j ON j.id = r.job_id
      JOIN orders o ON o.environment_id = j.environment_id AND o.order_id = r.order_id
    WHERE j.environment_id = @env AND r.state = 'not_found' AND o.status = '${NOT_FOUND_STATUS}'
    ORDER BY j.created_ms DESC LIMIT ${PER_KIND}`);

  const row = (o: OrderRow, kind: AttentionKind, cause: string, why: string): AttentionRow => ({
    orderId: o.order_id,
    kind,
    cause,
    why,
    status: o.status,
    windowStartsAt: o.window_starts_at,
    at: o.fetched_ms,
  });

  return {
    /** Every row, acknowledged ones left out; most urgent kinds first, then by window. */
    list(env: string, now: number, leadMinutes: number, acknowledged: Set<string>): AttentionList {
      const rows: AttentionRow[] = [];
      for (const o of late.all({ env, now })) {
        const end = o.window_ends_at ? Date.parse(o.window_ends_at) : NaN;
        if (!(end < now)) continue;
        const why = `The window ended ${minutes(now - end)} min ago and the order is still ${o.status}.`;
        rows.push(row(o, 'late', `${o.window_ends_at}`, why));
      }
      for (const o of canceled.all({ env, now })) {
        const reason = o.cancellation_reason ?? 'no reason given';
        rows.push(row(o, 'canceled', reason, `Canceled: ${reason.replaceAll('_', ' ')}.`));
      }
      for (const o of notStaged.all({ env, now, lead: leadMinutes * MINUTE })) {
        const start = o.window_starts_at ? Date.parse(o.window_starts_at) : now;
        const why = `The window starts in ${minutes(start - now)} min and the order is not staged (${o.status}).`;
        rows.push(row(o, 'not_staged', `${o.window_starts_at}`, why));
      }
      for (const o of stagingFailed.all({ env })) {
        rows.push(row(o, 'staging_failed', o.job_id, `Staging job "${o.job_name}" failed: ${errorText(o.detail)}`));
      }
      for (const o of notFound.all({ env })) {
        rows.push(row(o, 'not_found', o.job_id, `The import of ${o.job_name} found no such order at Instacart.`));
      }
      const rank = (kind: AttentionKind) => ATTENTION_KINDS.indexOf(kind);
      const open = rows.filter((r) => !acknowledged.has(ackKey(r.orderId, r.kind, r.cause)));
      open.sort(
        (a, b) => rank(a.kind) - rank(b.kind) || (a.windowStartsAt ?? '').localeCompare(b.windowStartsAt ?? ''),
      );
      return { rows: open.slice(0, MAX_ATTENTION_ROWS), total: open.length };
    },
  };
}

export type Attention = ReturnType<typeof createAttention>;
