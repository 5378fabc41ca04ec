import type { LineError, StagePreview, StageRow, StageValues } from '../../../shared/contract';
import { checkOrderId, MAX_JOB_ORDERS, withDefaults } from './stage-values';
import { parseStagingSheet } from './staging-sheet';

/** A cached order of a store and window, as far as staging cares. */
export interface CachedOrderBrief extends StageValues {
  orderId: string;
  status: string;
}

/** Statuses from which the API may still accept a stage; the cache's status may be stale, the API decides. */
const MAY_BE_STAGEABLE = new Set(['created', 'brand_new', 'acknowledged', 'rescheduled']);

const finish = (rows: StageRow[], errors: LineError[], defaults: StageValues): StagePreview => ({
  rows: rows.map((row) => withDefaults(row, defaults)),
  errors,
  excluded: [],
});

export function previewSheet(csv: string, defaults: StageValues): StagePreview {
  const { rows, errors } = parseStagingSheet(csv);
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
  for (const { orderId, status, ...values } of orders) {
    if (!MAY_BE_STAGEABLE.has(status)) {
      excluded.push({ orderId, reason: `Its cached status is ${status}: only orders not yet staged can be staged.` });
    } else if (rows.length >= MAX_JOB_ORDERS) {
      excluded.push({ orderId, reason: `A job stages at most ${MAX_JOB_ORDERS} orders: stage it in a second job.` });
    } else {
      rows.push({ orderId, line: rows.length + 1, ...values });
    }
  }
  return { ...finish(rows, [], defaults), excluded };
}
