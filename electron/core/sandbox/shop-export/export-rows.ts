import { isoInZone } from '../../../../shared/zoned-time';
import type { DemoDataConfig, DemoOrder } from '../demo-data';
import { demoOrderAt } from '../demo-data';
import type { SandboxStore } from '../stores';
import { storeByCode } from '../stores';
import type { ShopExportRow } from './columns';

/** Which demo orders an export holds: `count` of them from `offset` (both clipped to the demo orders). */
export interface ExportPage {
  offset?: number;
  count?: number;
}

type PhoneFormat = (area: string, exchange: string, line: string) => string;
const NATIONAL: PhoneFormat = (a, e, l) => `(${a}) ${e}-${l}`;
const OTHER_FORMATS: readonly PhoneFormat[] = [
  (a, e, l) => `${a}.${e}.${l}`,
  (a, e, l) => `+1 ${a} ${e} ${l}`,
  (a, e, l) => `${a}-${e}-${l}`,
  (a, e, l) => `1 (${a}) ${e}-${l}`,
];
/** Of every ten orders, this many have the phone written "(415) 555-0123"; the rest, one other way each. */
const NATIONAL_SHARE = 10 - OTHER_FORMATS.length;

/**
 * A demo phone (+1 and ten digits) as the shop's staff typed it, chosen by the order's index: mostly
 * one way, a few others, the same every run. Real exports mix them, and the import must read them all.
 */
export function shopPhone(e164: string, index: number): string {
  const digits = e164.slice(-10);
  const slot = index % 10;
  const format = slot < NATIONAL_SHARE ? NATIONAL : OTHER_FORMATS[slot - NATIONAL_SHARE]!;
  return format(digits.slice(0, 3), digits.slice(3, 6), digits.slice(6));
}

export function shopExportRow(order: DemoOrder, index: number): ShopExportRow {
  const store = storeByCode(order.locationCode) as SandboxStore;
  return {
    orderNumber: order.orderId,
    customerId: order.userId,
    customerName: `${order.firstName} ${order.lastName}`,
    phone: shopPhone(order.phone, index),
    address: order.address.address_line_1,
    aptSuite: order.address.address_line_2 ?? '',
    shipToZip: order.address.postal_code,
    storeNumber: order.locationCode,
    deliveryStart: isoInZone(order.windowStart, store.timeZone),
    deliveryEnd: isoInZone(order.windowEnd, store.timeZone),
    bagLabel: order.bagLabel,
    items: order.itemsCount,
    bags: order.bagsCount,
    weightLb: order.itemsWeight,
    tipCents: order.tipCents,
  };
}

/** The page's rows, computed one at a time as they are written: a million never sit in memory. */
export function* shopExportRows(config: DemoDataConfig, page: ExportPage = {}): Generator<ShopExportRow> {
  const from = Math.min(page.offset ?? 0, config.count);
  const to = Math.min(from + (page.count ?? config.count), config.count);
  for (let i = from; i < to; i++) yield shopExportRow(demoOrderAt(config, i), i);
}
