import type { SearchQuery } from '../../shared/contract';
import type { OrderRecord } from '../../shared/contract';
import { phoneDigits } from '../../shared/phone';

export type SearchKind =
  | 'id'
  | 'name'
  | 'phone'
  | 'street'
  | 'postal code'
  | 'bag label'
  | 'filters only'
  | 'one letter'
  | 'two letters'
  | 'name + status filter'
  | 'name + store and day';

/**
 * Kinds with a target, then a few broader searches shown for information. One and two letters are
 * what every search starts as now that each keystroke queries.
 */
export const TARGET_KINDS: SearchKind[] = [
  'id',
  'name',
  'phone',
  'street',
  'postal code',
  'bag label',
  'filters only',
  'one letter',
  'two letters',
  'name + status filter',
  'name + store and day',
];

export interface BenchQuery {
  kind: string;
  query: SearchQuery;
}

const DAY = 86_400_000;

function nationalFormat(e164: string): string {
  const d = phoneDigits(e164).slice(-10);
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
}

const SPELLED_OUT: Record<string, string> = { St: 'Street', Ave: 'Avenue', Blvd: 'Boulevard', Dr: 'Drive' };

/** The street as said aloud: its suffix in full ("Valencia Street" for "Valencia St"). */
function spelledOut(addressLine: string): string {
  return addressLine.replace(/\b(St|Ave|Blvd|Dr)$/, (suffix) => SPELLED_OUT[suffix]!);
}

/** What a support agent would type for this order, for each kind of search. */
export function queriesFor(order: OrderRecord): BenchQuery[] {
  const day = Math.floor(Date.parse(order.windowStartsAt!) / DAY) * DAY;
  const [number, street] = (order.addressLine1 ?? '').split(' ');
  return [
    { kind: 'id', query: { text: order.orderId } },
    { kind: 'name', query: { text: `${order.firstName} ${order.lastName}` } },
    { kind: 'phone', query: { text: nationalFormat(order.phone!) } },
    { kind: 'street', query: { text: `${number} ${street}` } },
    { kind: 'postal code', query: { text: order.postalCode! } },
    { kind: 'bag label', query: { text: order.bagLabel! } },
    {
      kind: 'filters only',
      query: {
        text: '',
        storeLocations: [order.storeLocation!],
        windowFrom: new Date(day).toISOString(),
        windowTo: new Date(day + DAY).toISOString(),
      },
    },
    { kind: '(last name only)', query: { text: order.lastName! } },
    { kind: '(phone last four)', query: { text: phoneDigits(order.phone!).slice(-4) } },
    { kind: '(phone 555-0123)', query: { text: nationalFormat(order.phone!).slice(-8) } },
    { kind: '(order number)', query: { text: order.orderId.replace(/^\D+0*/, '') } },
    { kind: '(street spelled out)', query: { text: spelledOut(order.addressLine1 ?? '') } },
    { kind: 'one letter', query: { text: order.lastName!.slice(0, 1) } },
    { kind: 'two letters', query: { text: order.lastName!.slice(0, 2) } },
    { kind: 'name + status filter', query: { text: order.lastName!, statuses: [order.status as 'staged'] } },
    {
      kind: 'name + store and day',
      query: {
        text: order.lastName!,
        storeLocations: [order.storeLocation!],
        windowFrom: new Date(day).toISOString(),
        windowTo: new Date(day + DAY).toISOString(),
      },
    },
  ];
}
