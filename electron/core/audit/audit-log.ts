import type { AuditChange, AuditEntry, ChannelParsed } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import type { CacheDatabase } from '../store/open-database';
import { redactRequest, redactText } from './redact';

export interface AuditInput {
  envId: string;
  /** e.g. order.create, order.window, order.tip, order.details, order.stage, orders.import, environment.add */
  action: string;
  orderId?: string | null;
  /** The request as sent; redacted (./redact) before it is stored. */
  request: unknown;
  outcome: AuditEntry['outcome'];
  error?: AppError | string | null;
  /** What the action changed, before and after; redacted like the request. */
  changes?: AuditChange[];
  /** The agent's reason or ticket number, as typed; redacted like the request. */
  note?: string | null;
}

/** What every entry is stamped with, from outside the store: who acts, and what the environment is called. */
export interface AuditContext {
  who(): string | null;
  environmentName(id: string): string | null;
}

const NO_CONTEXT: AuditContext = { who: () => null, environmentName: () => null };

export type AuditFilterValues = Omit<ChannelParsed<'audit:list'>, 'offset' | 'limit'>;

export interface AuditLog {
  /** Stores one entry, durably (see openDatabase), and returns it as listed. */
  recordAudit(input: AuditInput): AuditEntry;
  list(query: ChannelParsed<'audit:list'>): { rows: AuditEntry[]; total: number };
  /** Every entry the filters select, newest first: for export. */
  eachEntry(filters: AuditFilterValues): IterableIterator<AuditEntry>;
}

interface AuditRow {
  id: number;
  at_ms: number;
  environment_id: string;
  action: string;
  order_id: string | null;
  request: string;
  outcome: AuditEntry['outcome'];
  error: string | null;
  actor: string | null;
  environment_name: string | null;
  changes: string;
  note: string | null;
}

/** An error's words, redacted like the request: a refusal may quote what it refused (a URL with a password). */
function errorText(error: AuditInput['error']): string | null {
  if (!error) return null;
  if (typeof error === 'string') return redactText(error);
  return redactText(error.hint ? `${error.message} ${error.hint}` : error.message);
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at_ms).toISOString(),
    environmentId: row.environment_id,
    environmentName: row.environment_name,
    who: row.actor,
    action: row.action,
    changes: JSON.parse(row.changes) as AuditChange[],
    orderId: row.order_id,
    request: JSON.parse(row.request) as unknown,
    outcome: row.outcome,
    error: row.error,
    note: row.note,
  };
}

function where(filters: AuditFilterValues): { sql: string; params: Record<string, string | number> } {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  const add = (sql: string, name: string, value: string | number | undefined) => {
    if (value === undefined) return;
    parts.push(sql);
    params[name] = value;
  };
  add('environment_id = @env', 'env', filters.environmentId);
  add('action = @action', 'action', filters.action);
  add('order_id = @orderId', 'orderId', filters.orderId);
  add('outcome = @outcome', 'outcome', filters.outcome);
  add('at_ms >= @from', 'from', filters.from === undefined ? undefined : Date.parse(filters.from));
  add('at_ms < @to', 'to', filters.to === undefined ? undefined : Date.parse(filters.to));
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function createAuditLog(cache: CacheDatabase, context: AuditContext = NO_CONTEXT): AuditLog {
  const { db } = cache;
  const insert = db.prepare<
    [
      number,
      string,
      string | null,
      string | null,
      string,
      string | null,
      string,
      string,
      string | null,
      string,
      string | null,
    ],
    AuditRow
  >(
    `INSERT INTO audit_log (at_ms, environment_id, environment_name, actor, action, order_id, request, outcome, error, changes, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  return {
    recordAudit(input) {
      const request = JSON.stringify(redactRequest(input.request) ?? null);
      const row = insert.get(
        cache.clock.now(),
        input.envId,
        context.environmentName(input.envId),
        context.who(),
        input.action,
        input.orderId ?? null,
        request,
        input.outcome,
        errorText(input.error),
        JSON.stringify(redactRequest(input.changes ?? [])),
        input.note?.trim() ? redactText(input.note.trim()) : null,
      );
      return toEntry(row!);
    },
    list(query) {
      const { sql, params } = where(query);
      const rows = db
        .prepare(`SELECT * FROM audit_log ${sql} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit: query.limit, offset: query.offset }) as AuditRow[];
      const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${sql}`).get(params) as { n: number }).n;
      return { rows: rows.map(toEntry), total };
    },
    *eachEntry(filters) {
      const { sql, params } = where(filters);
      for (const row of db.prepare(`SELECT * FROM audit_log ${sql} ORDER BY id DESC`).iterate(params)) {
        yield toEntry(row as AuditRow);
      }
    },
  };
}
