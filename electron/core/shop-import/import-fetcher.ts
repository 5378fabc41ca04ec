import type { Database } from 'better-sqlite3';
import { setMaxListeners } from 'node:events';
import { NOT_CHECKED_STATUS, NOT_FOUND_STATUS } from '../../../shared/contract';
import type { Cache } from '../cache/cache';
import { createOrderIndex } from '../store/order-index';
import type { OrderRow } from '../store/order-row';
import type { ConnectClient } from '../connect/connect-client';
import { isConnectError } from '../connect/connect-error';
import type { Sleep } from '../clock';
import { backoffMs, DEFAULT_RETRY } from '../connect/retry-policy';
import type { AdaptiveLimiter, PermitOutcome } from '../connect/adaptive-limiter';
import type { FetchRow, ImportJournal, JobRecord, RowState } from './import-journal';

export interface FetcherDeps {
  cache: Cache;
  journal: ImportJournal;
  client: ConnectClient;
  limiter: AdaptiveLimiter;
  sleep: Sleep;
  now: () => number;
  /** Resolves when no user's own request is waiting, so theirs go first. */
  userFirst: () => Promise<void>;
  signal: AbortSignal;
  onAnswer: () => void;
}

/** Workers: the limiter decides the pace; this only bounds what waits on it. */
const WORKERS = 16;

/**
 * A 429 or a busy answer is a refusal before the get was handled: the limiter slows down and asking
 * again is safe, so these do not use up the attempts a failure gets. While the limiter finds the
 * API's rate, an order can be refused several times in a row (as staging allows, 12).
 */
const MAX_REFUSALS = 12;

/** What an order's row becomes once Instacart answered for it, and the job's count it adds to. */
const COUNT_OF = { done: 'fetched', not_found: 'notFound', failed: 'fetchFailed' } as const;
type Answered = keyof typeof COUNT_OF & RowState;

type Outcome = { row: Answered; permit: PermitOutcome } | { retry: true; permit: PermitOutcome };

function outcomeOf(error: unknown): Outcome {
  if (!isConnectError(error)) throw error;
  if (error.kind === 'not_found' || error.apiCode === 4000) return { row: 'not_found', permit: 'ok' };
  // Instacart knows no such customer (1001 on user_id): then it knows none of their orders either.
  if (error.kind === 'api_validation' && error.appError.key === 'user_id') return { row: 'not_found', permit: 'ok' };
  if (error.kind === 'canceled') return { retry: true, permit: 'unused' };
  if (error.kind === 'rate_limited') return { retry: true, permit: 'rate_limited' };
  if (error.kind === 'api_busy') return { retry: true, permit: 'busy' };
  if (error.retryable) return { retry: true, permit: 'failed' };
  return { row: 'failed', permit: 'failed' };
}

/**
 * Asks Instacart about each pending order of the job, nearest window first, each answer written to
 * the cache and the journal before the next is taken, so a resumed job asks nothing twice. Stops when
 * `signal` aborts (pause, cancel, close): an order in flight then stays pending.
 */
export async function fetchPending(deps: FetcherDeps, job: JobRecord, save: () => void): Promise<void> {
  const { journal } = deps;
  // A worker's unexpected error stops the others too: the job is failed and nothing more is asked.
  const halt = new AbortController();
  const signal = AbortSignal.any([deps.signal, halt.signal]);
  // Each worker listens for the stop while it waits for a permit, an answer or a backoff.
  setMaxListeners(WORKERS * 4, signal);
  const db: Database = deps.cache.database.db;
  const unchecked = db.prepare<[string, string, string], OrderRow>(
    'SELECT * FROM orders WHERE environment_id = ? AND order_id = ? AND status = ?',
  );
  const setStatus = db.prepare('UPDATE orders SET status = ? WHERE id = ?');
  const index = createOrderIndex(db);
  // The full-text index holds the status too, so a search filtered by status finds the order under its new one.
  const markNotFound = db.transaction((orderId: string) => {
    const prev = unchecked.get(job.environmentId, orderId, NOT_CHECKED_STATUS);
    if (!prev) return;
    setStatus.run(NOT_FOUND_STATUS, prev.id);
    index.change(prev.id, prev, { ...prev, status: NOT_FOUND_STATUS });
  });
  const taken = new Set<string>();
  const queue: FetchRow[] = [];
  const next = (): FetchRow | undefined => {
    if (queue.length === 0) {
      for (const row of journal.toFetch(job.id, WORKERS * 8)) if (!taken.has(row.order_id)) queue.push(row);
    }
    const row = queue.shift();
    if (row) taken.add(row.order_id);
    return row;
  };
  // One transaction: a kill between the row's state and the job's counts would leave a count short for good.
  const record = db.transaction((row: FetchRow, state: Answered) => {
    journal.setRow(job.id, row.order_id, state);
    if (state === 'not_found') markNotFound(row.order_id);
    job.counts[COUNT_OF[state]]++;
    try {
      save();
    } catch (error) {
      job.counts[COUNT_OF[state]]--;
      throw error;
    }
  });
  const settle = (row: FetchRow, state: Answered) => {
    record.immediate(row, state);
    deps.onAnswer();
  };
  const work = async () => {
    for (let row = next(); row && !signal.aborted; row = next()) {
      let failures = 0;
      let refusals = 0;
      while (!signal.aborted) {
        await deps.userFirst();
        const permit = await deps.limiter.acquire(signal).catch(() => null);
        if (!permit) return;
        let outcome: Outcome;
        try {
          const api = await deps.client.getOrder(row.order_id, row.user_id ?? undefined, { retry: false, signal });
          deps.cache.orders.recordApiOrder(job.environmentId, api, {
            source: 'import',
            userId: row.user_id ?? undefined,
          });
          outcome = { row: 'done', permit: 'ok' };
        } catch (error) {
          outcome = outcomeOf(error);
        }
        permit.release(outcome.permit);
        if ('row' in outcome) {
          settle(row, outcome.row);
          break;
        }
        if (signal.aborted) return;
        const refused = outcome.permit === 'rate_limited' || outcome.permit === 'busy';
        if (refused ? ++refusals >= MAX_REFUSALS : ++failures >= DEFAULT_RETRY.attempts) {
          settle(row, 'failed');
          break;
        }
        const attempt = Math.min(failures + refusals, DEFAULT_RETRY.attempts);
        await deps.sleep(backoffMs(DEFAULT_RETRY, attempt, Math.random), signal).catch(() => undefined);
      }
    }
  };
  const ended = await Promise.allSettled(
    Array.from({ length: WORKERS }, () =>
      work().catch((error: unknown) => {
        halt.abort();
        throw error;
      }),
    ),
  );
  const failure = ended.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}
