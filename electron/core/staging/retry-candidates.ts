import type { RetrySummary } from '../../../shared/contract';
import { MAX_EXCLUDED_ORDERS } from '../../../shared/limits';
import { retryBlocker } from '../../../shared/staging-retry';
import type { ItemRecord } from './journal';

/**
 * A job's failed orders split for "Retry failed": those a second attempt may stage, and the others
 * (not a dispatch order, no such order, values refused), each with why, at most MAX_EXCLUDED_ORDERS listed.
 */
export function retryCandidates(failed: readonly ItemRecord[]): {
  retryable: ItemRecord[];
  left: RetrySummary['left'];
} {
  const retryable: ItemRecord[] = [];
  const left: RetrySummary['left'] = [];
  for (const item of failed) {
    const blocker = retryBlocker(item.error);
    if (blocker === null) retryable.push(item);
    else if (left.length < MAX_EXCLUDED_ORDERS) left.push({ orderId: item.orderId, reason: blocker });
  }
  return { retryable, left };
}
