import type { ScanLookup } from '../../shared/contract';

/** An order on the staging list built by scanning, with the bags scanned for it. */
export interface ScannedOrder {
  orderId: string;
  bags: number;
  /** What the order expects (its bags count), when the console knows it. */
  bagsExpected: number | null;
}

export type ScanVerdict =
  | { kind: 'added'; orderId: string }
  | { kind: 'bag'; orderId: string; bags: number; bagsExpected: number | null }
  | { kind: 'repeat'; code: string }
  | { kind: 'unknown'; code: string }
  | { kind: 'not-stageable'; orderId: string; problem: string }
  | { kind: 'too-many-bags'; orderId: string; bagsExpected: number };

/** Whether the verdict is a confirmation (a high beep) or a flag the user must look at (a low one). */
export const isConfirmation = (verdict: ScanVerdict) => verdict.kind === 'added' || verdict.kind === 'bag';

/**
 * A scan, looked up, applied to the list: a new order is added with one bag; a scan of an order already on
 * the list is one more bag, unless that is more than the order expects. An unknown code, or an order the
 * cache knows is staged, delivered or canceled, is flagged and not added.
 */
export function applyScan(
  list: readonly ScannedOrder[],
  lookup: ScanLookup,
): { list: ScannedOrder[]; verdict: ScanVerdict } {
  const { orderId } = lookup;
  if (orderId === null) return { list: [...list], verdict: { kind: 'unknown', code: lookup.code } };
  if (lookup.problem !== null) {
    return { list: [...list], verdict: { kind: 'not-stageable', orderId, problem: lookup.problem } };
  }
  const at = list.findIndex((order) => order.orderId === orderId);
  if (at === -1) {
    return {
      list: [...list, { orderId, bags: 1, bagsExpected: lookup.bagsExpected }],
      verdict: { kind: 'added', orderId },
    };
  }
  const order = list[at]!;
  const expected = order.bagsExpected ?? lookup.bagsExpected;
  if (expected !== null && order.bags + 1 > expected) {
    return { list: [...list], verdict: { kind: 'too-many-bags', orderId, bagsExpected: expected } };
  }
  const bags = order.bags + 1;
  const next = list.map((o, index) => (index === at ? { ...o, bags, bagsExpected: expected } : o));
  return { list: next, verdict: { kind: 'bag', orderId, bags, bagsExpected: expected } };
}

/** What the screen says (and a screen reader announces) for a scan. */
export function verdictText(verdict: ScanVerdict): string {
  switch (verdict.kind) {
    case 'added':
      return `Added ${verdict.orderId} (bag 1).`;
    case 'bag':
      return `${verdict.orderId}: bag ${verdict.bags}${verdict.bagsExpected === null ? '' : ` of ${verdict.bagsExpected}`}.`;
    case 'repeat':
      return `${verdict.code} scanned again within a second: counted once.`;
    case 'unknown':
      return `Unknown order ${verdict.code}: no order of this environment has that id or bag label. Check the label, or refresh the cache.`;
    case 'not-stageable':
      return `${verdict.orderId} not added. ${verdict.problem}`;
    case 'too-many-bags':
      return `${verdict.orderId} expects ${verdict.bagsExpected} ${verdict.bagsExpected === 1 ? 'bag' : 'bags'}: this scan is one more, not counted. Check the bag's label.`;
  }
}
