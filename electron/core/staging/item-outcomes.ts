import type { ApiOrder } from '../../../shared/domain';
import { inStatusGroup, MAY_BE_STAGEABLE, STAGED_OR_LATER } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import { isConnectError } from '../connect/connect-error';
import { isCoreError } from '../core-error';
import type { PermitOutcome } from '../connect/adaptive-limiter';
import type { ItemRecord } from './journal';
import {
  ALREADY_DELIVERED,
  ALREADY_DELIVERING,
  STAGED_BEFORE,
  STAGED_BY_THIS_JOB,
} from '../../../shared/staging-notes';

export interface OutcomeOptions {
  /** Stage requests per order before it is reported failed (429s included: they cost a request too). */
  maxAttempts: number;
  /** Gets per order before whether it was staged is reported as not known. */
  maxLookups: number;
  /** The longest 2003 wait an order sits out within the job; longer ones fail it with the wait in the hint. */
  maxWaitSeconds: number;
}

export const DEFAULT_OUTCOMES: OutcomeOptions = { maxAttempts: 12, maxLookups: 12, maxWaitSeconds: 120 };

/** What one answer (or failure) means for an item, the limiter, the network watch and the job. */
export interface Step {
  item: ItemRecord;
  permit: PermitOutcome;
  /** True when an HTTP answer came back, false when the API could not be reached, null when not known. */
  reachable: boolean | null;
  /** The order the API returned, for the cache, and which call returned it. */
  order?: ApiOrder;
  orderFrom?: 'stage' | 'get';
  /** Set when the item settled (done or failed): what the audit log records. */
  settled?: 'ok' | 'error';
  /** Stop the whole job with this error (credentials refused): no other order can succeed either. */
  pauseJob?: AppError;
}

function appErrorOf(error: unknown): AppError {
  if (isCoreError(error)) return { ...error.appError };
  return {
    code: 'internal',
    message: `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
    hint: 'Try again; if it keeps failing, report what you were doing.',
  };
}

const failed = (item: ItemRecord, error: AppError): ItemRecord => ({ ...item, state: 'failed', error });

function gaveUp(item: ItemRecord, error: AppError, what: string): AppError {
  return { ...error, hint: `${what} ${error.hint ?? ''}`.trim() };
}

/** What the answer to a stage request means. The item arrives in flight, with its attempt counted. */
export function afterStage(
  item: ItemRecord,
  result: { order: ApiOrder } | { error: unknown },
  now: number,
  options: OutcomeOptions,
): Step {
  if ('order' in result) {
    const done: ItemRecord = { ...item, state: 'done', orderStatus: result.order.status, error: null, note: null };
    return { item: done, permit: 'ok', reachable: true, order: result.order, orderFrom: 'stage', settled: 'ok' };
  }
  const error = appErrorOf(result.error);
  const connect = isConnectError(result.error) ? result.error : null;
  const retryOrFail = (next: ItemRecord, permit: PermitOutcome, reachable: boolean | null): Step => {
    if (item.attempts < options.maxAttempts) return { item: next, permit, reachable };
    const hint = `Gave up after ${item.attempts} attempts; use "retry failed" later.`;
    return { item: failed(item, gaveUp(item, error, hint)), permit, reachable, settled: 'error' };
  };
  switch (connect?.kind) {
    case 'rate_limited':
      // Refused before it was handled: send again when the limiter allows.
      return retryOrFail({ ...item, state: 'pending', error }, 'rate_limited', true);
    case 'api_busy': {
      const wait = connect.waitSeconds ?? 30;
      if (wait > options.maxWaitSeconds)
        return { item: failed(item, error), permit: 'busy', reachable: true, settled: 'error' };
      return retryOrFail({ ...item, state: 'pending', error, notBeforeMs: now + wait * 1000 }, 'busy', true);
    }
    case 'locked':
      return retryOrFail({ ...item, state: 'pending', error, notBeforeMs: now + 2_000 }, 'failed', true);
    case 'not_found':
      // Already staged (perhaps by an earlier attempt of ours), or not stageable: a get tells which.
      return { item: { ...item, state: 'unknown', error }, permit: 'ok', reachable: true };
    case 'network':
      if (!connect.ambiguous) return retryOrFail({ ...item, state: 'pending', error }, 'failed', false);
      return { item: { ...item, state: 'unknown', uncertain: true, error }, permit: 'failed', reachable: false };
    case 'timeout':
      return { item: { ...item, state: 'unknown', uncertain: true, error }, permit: 'failed', reachable: false };
    case 'unauthorized':
    case 'forbidden':
      return { item: { ...item, state: 'pending', error }, permit: 'failed', reachable: true, pauseJob: error };
    case 'server_error':
    case 'request_timeout':
    case 'bad_response':
    case 'canceled':
      // The request may have been carried out: only a get can say.
      return {
        item: { ...item, state: 'unknown', uncertain: true, error },
        permit: connect.status === 503 ? 'busy' : 'failed',
        reachable: connect.kind === 'canceled' ? null : true,
      };
    case undefined:
      // Not the API's doing (no credentials in the keychain, a defect): nothing was sent for this order.
      if (!isCoreError(result.error))
        return { item: failed(item, error), permit: 'failed', reachable: null, settled: 'error' };
      return { item: { ...item, state: 'pending', error }, permit: 'failed', reachable: null, pauseJob: error };
    default:
      // A refusal the user must fix (1001 on a field, 1002 too large, ...): sending again cannot help.
      return { item: failed(item, error), permit: 'ok', reachable: true, settled: 'error' };
  }
}

function notStageable(item: ItemRecord, order: ApiOrder): AppError {
  const canceled = order.status === 'canceled';
  return {
    code: 'not_stageable',
    message: canceled
      ? `Order ${item.orderId} was canceled${order.cancellation_reason ? ` (${order.cancellation_reason})` : ''}: it cannot be staged.`
      : `Instacart would not stage order ${item.orderId} (its status is ${order.status}).`,
    hint: canceled
      ? 'Remove it from the staging area; nothing was sent for it.'
      : 'Only dispatch last mile orders that are not yet staged can be staged: check that this is a dispatch order of this store.',
  };
}

export { ALREADY_DELIVERED, ALREADY_DELIVERING, STAGED_BEFORE, STAGED_BY_THIS_JOB };

/** A staged-or-later order this job did not stage, named by how far it has gone. */
function beforeThisJob(status: string): string {
  if (status === 'delivered') return ALREADY_DELIVERED;
  if (status === 'delivering') return ALREADY_DELIVERING;
  return STAGED_BEFORE;
}

/**
 * What a get of an item in doubt says: staged (done), still stageable (send again), or neither (failed).
 * Whether a staged order is this job's doing comes from the journal: `uncertain` is set, and kept until
 * the order settles, whenever a stage request of this job may have been carried out unheard. The job's
 * lease makes this runner the journal's only writer, so its copy of the flag is the journal's.
 */
export function afterLookup(
  item: ItemRecord,
  result: { order: ApiOrder } | { error: unknown },
  options: OutcomeOptions,
): Step {
  if ('order' in result) {
    const { order } = result;
    const seen = { ...item, orderStatus: order.status };
    if (inStatusGroup(STAGED_OR_LATER, order.status)) {
      const note = item.uncertain ? STAGED_BY_THIS_JOB : beforeThisJob(order.status);
      return {
        item: { ...seen, state: 'done', note, error: null },
        permit: 'ok',
        reachable: true,
        order,
        orderFrom: 'get',
        settled: 'ok',
      };
    }
    // After a clear "not eligible" the order is not stageable; after a lost answer it is simply sent again.
    const refused = item.error?.code === 'not_found';
    if (inStatusGroup(MAY_BE_STAGEABLE, order.status) && !refused) {
      return { item: { ...seen, state: 'pending' }, permit: 'ok', reachable: true, order, orderFrom: 'get' };
    }
    return {
      item: failed(seen, notStageable(item, order)),
      permit: 'ok',
      reachable: true,
      order,
      orderFrom: 'get',
      settled: 'error',
    };
  }
  const error = appErrorOf(result.error);
  const connect = isConnectError(result.error) ? result.error : null;
  if (connect?.kind === 'not_found') {
    const notFound: AppError = {
      ...error,
      message: `Instacart has no order ${item.orderId} in this environment.`,
      hint: 'Check the order id and the selected environment.',
    };
    return { item: failed(item, notFound), permit: 'ok', reachable: true, settled: 'error' };
  }
  if (connect?.kind === 'unauthorized' || connect?.kind === 'forbidden' || (!connect && isCoreError(result.error))) {
    return { item, permit: 'failed', reachable: connect ? true : null, pauseJob: error };
  }
  const reachable =
    connect?.kind === 'network' || connect?.kind === 'timeout' ? false : connect?.kind === 'canceled' ? null : true;
  const permit: PermitOutcome =
    connect?.kind === 'rate_limited' ? 'rate_limited' : connect?.kind === 'api_busy' ? 'busy' : 'failed';
  if (item.lookups < options.maxLookups) return { item, permit, reachable };
  const unknown: AppError = {
    ...error,
    code: 'stage_unknown',
    message: `Whether order ${item.orderId} was staged is not known: looking it up failed ${item.lookups} times (${error.message}).`,
    hint: 'Open the order to see its status before staging it again.',
  };
  return { item: failed(item, unknown), permit, reachable, settled: 'error' };
}
