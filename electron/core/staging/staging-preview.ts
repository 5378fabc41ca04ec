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

/** What the console knows of an order it was asked to stage: its cached status, and an earlier refusal. */
export interface KnownOrders {
  statuses: ReadonlyMap<string, string>;
  /** Orders Instacart refused in an earlier job although their status allowed it, with what it said. */
  refused: ReadonlyMap<string, string>;
}

/** Why the console expects a stage of the order to fail, by what the cache and earlier jobs know; null if not. */
export function knownProblem(orderId: string, known: KnownOrders): string | null {
  const status = known.statuses.get(orderId);
  if (status === 'delivered') return 'Already delivered, by the cache: there is nothing to stage.';
  if (status === 'delivering') return 'Already out for delivery, by the cache: there is nothing to stage.';
  if (status === 'staged') return 'Already staged, by the cache: staging it again changes nothing.';
  if (status === 'canceled') return 'Canceled, by the cache: a canceled order cannot be staged.';
  const refused = known.refused.get(orderId);
  if (refused !== undefined) {
    return `Not a dispatch order, it seems: Instacart refused to stage it in an earlier job (${refused}).`;
  }
  return null;
}

/**
 * Rows the cache knows cannot be staged are left out of the preview, each listed with why and with its
 * row, so the user can put it back when the cache is out of date (the API decides in the end).
 */
export function leaveOutKnown(preview: StagePreview, known: KnownOrders): StagePreview {
  const rows: StageRow[] = [];
  const excluded: StagePreview['excluded'] = [...preview.excluded];
  const left = new KindCounts();
  for (const row of preview.rows) {
    const problem = knownProblem(row.orderId, known);
    if (problem === null) rows.push(row);
    else if (excluded.length < MAX_EXCLUDED_ORDERS) excluded.push({ orderId: row.orderId, reason: problem, row });
    else left.add(problem.slice(0, problem.indexOf(',')));
  }
  const omitted = [...left.kinds.values()].reduce((sum, n) => sum + n, 0);
  if (omitted > 0) excluded.push({ orderId: '', omitted, reason: omittedSentence(omitted, left.kinds, 'orders') });
  return { ...preview, rows, excluded };
}

/** Orders scanned at the shelf, with the bags scanned for each as their bags count. */
export function previewScanned(
  orders: readonly { orderId: string; bags_count: number }[],
  defaults: StageValues,
): StagePreview {
  const preview = previewOrderIds(
    orders.map((order) => order.orderId),
    defaults,
  );
  const bags = new Map(orders.map((order) => [order.orderId.trim(), order.bags_count]));
  return { ...preview, rows: preview.rows.map((row) => ({ ...row, bags_count: bags.get(row.orderId)! })) };
}
