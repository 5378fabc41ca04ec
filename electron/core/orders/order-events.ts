import type { OrderEvent } from '../../../shared/contract';
import type { OrderValues, SqlValue } from '../store/order-row';

export type ChangeKind = Exclude<OrderEvent['kind'], 'created'>;

export interface OrderChange {
  kind: ChangeKind;
  from: string | null;
  to: string | null;
}

/** The columns an order's history is told from. */
export const HISTORY_COLUMNS = [
  'status',
  'window_starts_at',
  'window_ends_at',
  'tip_cents',
  'api_bag_count',
  'bags_count',
] as const satisfies readonly (keyof OrderValues)[];

type HistoryValues = Pick<OrderValues, (typeof HISTORY_COLUMNS)[number]>;

// Top-level functions rather than closures made per call: every answer of a bulk load of a million
// orders is told through here.
function instantOf(iso: SqlValue): number {
  return typeof iso === 'string' ? Date.parse(iso) : NaN;
}

/** A window as one comparable value: its two instants, whatever offset the API wrote them with. */
function windowOf(values: HistoryValues): { text: string | null; key: string | null } {
  const start = values.window_starts_at;
  const end = values.window_ends_at;
  if (start === null && end === null) return { text: null, key: null };
  const startMs = instantOf(start);
  const endMs = instantOf(end);
  const key = Number.isNaN(startMs) || Number.isNaN(endMs) ? `${start}/${end}` : `${startMs}/${endMs}`;
  return { text: `${start ?? ''}/${end ?? ''}`, key };
}

const bagsOf = (values: HistoryValues): SqlValue => values.api_bag_count ?? values.bags_count;
const text = (value: SqlValue): string | null => (value === null ? null : String(value));

function addChange(changes: OrderChange[], kind: ChangeKind, from: SqlValue, to: SqlValue): void {
  if (to !== null && from !== to) changes.push({ kind, from: text(from), to: text(to) });
}

/** What changed between two versions of an order that its history should show. */
export function orderChanges(prev: HistoryValues, next: HistoryValues): OrderChange[] {
  const changes: OrderChange[] = [];
  addChange(changes, 'status', prev.status, next.status);
  const before = windowOf(prev);
  const after = windowOf(next);
  if (after.key !== null && before.key !== after.key) {
    changes.push({ kind: 'window', from: before.text, to: after.text });
  }
  addChange(changes, 'tip', prev.tip_cents, next.tip_cents);
  addChange(changes, 'bags', bagsOf(prev), bagsOf(next));
  return changes;
}
