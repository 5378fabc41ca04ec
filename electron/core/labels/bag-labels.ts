import type { OrderRecord } from '../../../shared/contract';
import { formatZonedWindow } from '../../../shared/zoned-time';

/** What one printed bag label says; an order of three bags gets three labels. */
export interface BagLabel {
  orderId: string;
  /** The order's own bag label (what shoppers look for), or the order id when it has none. */
  bagLabel: string;
  lastName: string;
  bagNumber: number;
  bagCount: number;
  store: string;
  /** The delivery window in the store's time, labelled with its zone ("Wed, Dec 2, 12:00 – 2:00 PM PST"). */
  window: string;
}

/** More than this many labels in one file is more than a shift prints at once; the file stays small to send. */
export const MAX_LABELS = 2_000;

/**
 * The labels of some cached orders, one per bag (at least one per order), in the given order. The
 * customer's last name is printed only when the console learned it (a create it sent, the shop's export).
 */
export function bagLabelsOf(orders: readonly OrderRecord[], zoneOf: (store: string | null) => string): BagLabel[] {
  const labels: BagLabel[] = [];
  for (const order of orders) {
    const bagCount = Math.max(1, order.bagsCount ?? 1);
    const zone = zoneOf(order.storeLocation);
    const starts = order.windowStartsAt ? Date.parse(order.windowStartsAt) : NaN;
    const ends = order.windowEndsAt ? Date.parse(order.windowEndsAt) : NaN;
    const window = Number.isFinite(starts) && Number.isFinite(ends) ? formatZonedWindow(starts, ends, zone) : '';
    for (let bag = 1; bag <= bagCount; bag++) {
      labels.push({
        orderId: order.orderId,
        bagLabel: order.bagLabel?.trim() || order.orderId,
        lastName: order.lastName?.trim() ?? '',
        bagNumber: bag,
        bagCount,
        store: order.storeLocation ?? '',
        window,
      });
    }
  }
  return labels;
}
