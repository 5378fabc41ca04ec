import { stringify } from 'csv-stringify/sync';
import type { JobView, StageItemView } from '../../../shared/contract';
import { guardCell } from '../cache/csv-cells';

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
      return 'staged';
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

const cell = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : guardCell(String(value));

/**
 * The job's report as CSV: one row per order, in sheet order, with the outcome, the API's status, the
 * values sent and, for a failure, the plain-language error and what to do. Spreadsheet-safe cells.
 */
export function reportCsv(view: JobView): { csv: string; rowCount: number } {
  const rows = view.items.map((item) => [
    cell(item.orderId),
    cell(item.line),
    cell(resultOf(item, view.state)),
    cell(item.orderStatus),
    cell(item.attempts),
    cell(item.values.bags_count),
    cell(item.values.items_count),
    cell(item.values.items_weight),
    cell(item.values.bag_label),
    cell(item.note),
    cell(item.state === 'done' ? null : item.error?.message),
    cell(item.state === 'done' ? null : item.error?.hint),
  ]);
  return { csv: stringify([[...REPORT_COLUMNS], ...rows]), rowCount: rows.length };
}
