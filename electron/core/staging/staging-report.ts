import type { JobView, StageItemView } from '../../../shared/contract';
import { doneResult } from '../../../shared/staging-notes';
import { csvLines } from '../csv/csv-cells';

export const REPORT_COLUMNS = [
  'order_id',
  'line',
  'result',
  'order_status',
  'attempts',
  'bags_count',
  'items_count',
  'items_weight',
  'bag_label',
  'note',
  'error',
  'what_to_do',
] as const;

/** The result column, in words a supervisor reads without the journal's states. */
export function resultOf(item: StageItemView, jobState: JobView['state']): string {
  switch (item.state) {
    case 'done':
      return doneResult(item.note);
    case 'failed':
      return 'failed';
    case 'pending':
      return jobState === 'canceled'
        ? 'not sent (job canceled)'
        : item.attempts > 0
          ? 'waiting to retry'
          : 'not sent yet';
    default:
      return 'being checked';
  }
}

/**
 * The job's report as CSV: one row per order, in sheet order, with the outcome, the API's status, the
 * values sent and, for a failure, the plain-language error and what to do. Spreadsheet-safe cells.
 */
export function reportCsv(view: JobView): { csv: string; rowCount: number } {
  const rows = view.items.map((item) => [
    item.orderId,
    item.line,
    resultOf(item, view.state),
    item.orderStatus,
    item.attempts,
    item.values.bags_count,
    item.values.items_count,
    item.values.items_weight,
    item.values.bag_label,
    item.note,
    item.state === 'done' ? null : item.error?.message,
    item.state === 'done' ? null : item.error?.hint,
  ]);
  return { csv: csvLines([REPORT_COLUMNS, ...rows]), rowCount: rows.length };
}
