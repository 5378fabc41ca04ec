import type { OrderDetail, OrderRecord } from '../../shared/contract';
import type { ServiceOption } from '../../shared/domain';
import type { Result } from '../../shared/result';

/** An order as the core returns it, for forms under test. */
export function orderRecord(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    orderId: 'ord-1',
    userId: 'user-1',
    status: 'brand_new',
    storeLocation: 'store-1',
    windowStartsAt: '2026-07-01T14:00:00Z',
    windowEndsAt: '2026-07-01T16:00:00Z',
    firstName: 'Ana',
    lastName: 'Rivera',
    phone: '+18005550101',
    addressLine1: '1 Market Street',
    postalCode: '94105',
    bagLabel: null,
    fetchedAt: '2026-07-01T12:00:00Z',
    locationCode: 'store-1',
    address: { address_line_1: '1 Market Street', postal_code: '94105' },
    itemsCount: 12,
    bagsCount: 3,
    itemsWeight: 14.5,
    tipCents: 500,
    cartTotal: 87.4,
    alcoholic: false,
    specialInstructions: null,
    locale: 'en_US',
    createdAt: '2026-07-01T11:00:00Z',
    deliveredAt: null,
    orderUrl: null,
    cancellationReason: null,
    raw: null,
    ...overrides,
  };
}

export function detailOf(order: OrderRecord): OrderDetail {
  return { order, events: [], fromCache: false };
}

export function serviceOption(id: number, startHour: number, available = true): ServiceOption {
  const hour = (h: number) => `2026-07-01T${String(h).padStart(2, '0')}:00:00Z`;
  return {
    id,
    date: '2026-07-01',
    window: { start_at: hour(startHour), end_at: hour(startHour + 2) },
    availability: { available, reasons: available ? [] : ['full'] },
  };
}

/** Records each call and answers with what the test queued: the core's side of one channel. */
export function recorder<I, O>(answer: (input: I) => Result<O>) {
  const calls: I[] = [];
  const fn = async (input: I): Promise<Result<O>> => {
    calls.push(input);
    return answer(input);
  };
  return { calls, fn };
}

/** Chooses an option as a user would: select it, then tell the page it changed. */
export async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  const { fireEvent } = await import('@testing-library/svelte');
  select.value = value;
  if (select.value !== value) throw new Error(`No option ${value} in ${select.name}`);
  await fireEvent.change(select);
}
