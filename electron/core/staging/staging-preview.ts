import type { LineError, StagePreview, StageRow, StageValues } from '../../../shared/contract';
import { inStatusGroup, MAY_BE_STAGEABLE } from '../../../shared/domain';
import { MAX_EXCLUDED_ORDERS, MAX_JOB_ORDERS } from '../../../shared/limits';
import { checkOrderId, withDefaults } from '../../../shared/stage-values';
import { KindCounts, omittedSentence } from '../csv/line-errors';
import { parseStagingSheet } from './staging-sheet';

/** A cached order of a store and window, as far as staging cares. */
export interface CachedOrderBrief extends StageValues {
  orderId: string;
  status: string;
}

const finish = (rows: StageRow[], errors: LineError[], defaults: StageValues): StagePreview => ({
  rows: rows.map((row) => withDefaults(row, defaults)),
  errors,
  excluded: [],
});

export async function previewSheet(csv: string, defaults: StageValues): Promise<StagePreview> {
  const { rows, errors } = await parseStagingSheet(csv);
  return finish(rows, errors, defaults);
}

/** Orders picked from search results; `line` is the position in the list. */
export function previewOrderIds(orderIds: readonly string[], defaults: StageValues): StagePreview {
  const rows: StageRow[] = [];
  const errors: LineError[] = [];
  const first = new Map<string, number>();
  orderIds.forEach((raw, index) => {
    const orderId = raw.trim();
    const line = index + 1;
    const problem = checkOrderId(orderId, 'selection');
    const earlier = first.get(orderId);
    if (problem) errors.push({ line, message: problem });
    else if (earlier !== undefined) {
      errors.push({
        line,
        orderId,
        message: `Order ${orderId} was picked twice (also number ${earlier}): it is staged once.`,
      });
    } else {
      first.set(orderId, line);
      rows.push({ orderId, line });
    }
  });
  return finish(rows, errors, defaults);
}

/** Every cached order of a store and window that may still be staged; the others are listed with the reason. */
export function previewStoreWindow(orders: readonly CachedOrderBrief[], defaults: StageValues): StagePreview {
  const rows: StageRow[] = [];
  const excluded: StagePreview['excluded'] = [];
  const left = new KindCounts();
  const exclude = (orderId: string, kind: string, reason: string) => {
    if (excluded.length < MAX_EXCLUDED_ORDERS) excluded.push({ orderId, reason });
    else left.add(kind);
  };
  for (const { orderId, status, ...values } of orders) {
    if (!inStatusGroup(MAY_BE_STAGEABLE, status)) {
      exclude(
        orderId,
        `Its cached status is ${status}`,
        `Its cached status is ${status}: only orders not yet staged can be staged.`,
      );
    } else if (rows.length >= MAX_JOB_ORDERS) {
      exclude(
        orderId,
        'More orders than one job stages',
        `A job stages at most ${MAX_JOB_ORDERS} orders: stage it in a second job.`,
      );
    } else {
      rows.push({ orderId, line: rows.length + 1, ...values });
    }
  }
  const omitted = [...left.kinds.values()].reduce((sum, n) => sum + n, 0);
  if (omitted > 0) excluded.push({ orderId: '', omitted, reason: omittedSentence(omitted, left.kinds, 'orders') });
  return { ...finish(rows, [], defaults), excluded };
}
