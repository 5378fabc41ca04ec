import { describe, expect, it } from 'vitest';
import type { SandboxOrder } from '../../../electron/core/sandbox/lifecycle';
import { isAssigned, isStageable, orderStateAt } from '../../../electron/core/sandbox/lifecycle';

const MIN = 60_000;
const created = Date.parse('2026-11-23T17:00:00Z');
const windowStart = created + 24 * 60 * MIN;

function order(fields: Partial<SandboxOrder> = {}): SandboxOrder {
  return {
    id: 'o1',
    userId: 'u1',
    locationCode: '1001',
    dispatch: false,
    createdAt: created,
    windowStart,
    windowEnd: windowStart + 120 * MIN,
    locale: 'en_US',
    instacartplus: false,
    handoff: false,
    itemsCount: 1,
    bagsCount: 1,
    itemsWeight: 1,
    cartTotal: 1,
    tipCents: 0,
    alcoholic: false,
    bagLabel: null,
    specialInstructions: null,
    stagedAt: null,
    cancelAt: null,
    cancellationReason: null,
    rescheduleAt: null,
    deliveryMinutes: 60,
    lateMinutes: null,
    processingUntil: null,
    lastUpdatedAt: null,
    ...fields,
  };
}

const status = (o: SandboxOrder, t: number) => orderStateAt(o, t).status;

describe('the order lifecycle, read from the clock', () => {
  it('takes a delivery order from brand_new to delivered through its window', () => {
    const o = order();
    expect(status(o, created)).toBe('brand_new');
    expect(status(o, created + 15 * MIN)).toBe('acknowledged');
    expect(status(o, windowStart + 25 * MIN)).toBe('delivering');
    const done = orderStateAt(o, windowStart + 60 * MIN);
    expect(done).toMatchObject({ status: 'delivered', deliveredAt: windowStart + 60 * MIN });
  });

  it('keeps a dispatch order acknowledged until it is staged, then delivers it', () => {
    const waiting = order({ dispatch: true });
    expect(status(waiting, windowStart + 10 * 24 * 60 * MIN)).toBe('acknowledged');
    expect(isStageable(waiting, orderStateAt(waiting, created))).toBe(true);
    const staged = order({ dispatch: true, stagedAt: created + 5 * MIN });
    expect(status(staged, created + 6 * MIN)).toBe('staged');
    expect(isStageable(staged, orderStateAt(staged, created + 6 * MIN))).toBe(false);
    expect(status(staged, windowStart - 29 * MIN)).toBe('delivering');
    expect(status(staged, windowStart + 6 * MIN)).toBe('delivered');
  });

  it('cancels, reschedules to the next day, and shows "created" while an asynchronous create runs', () => {
    expect(status(order({ cancelAt: created + 60 * MIN }), created + 61 * MIN)).toBe('canceled');
    const moved = order({ rescheduleAt: windowStart - 90 * MIN });
    expect(orderStateAt(moved, windowStart)).toMatchObject({
      status: 'rescheduled',
      windowStart: windowStart + 24 * 60 * MIN,
    });
    expect(status(order({ processingUntil: created + 5000 }), created + 4999)).toBe('created');
  });

  it('counts staged and later as assigned (no more updates)', () => {
    expect(['brand_new', 'acknowledged', 'rescheduled', 'created'].map((s) => isAssigned(s as never))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(['staged', 'delivering', 'delivered', 'canceled'].every((s) => isAssigned(s as never))).toBe(true);
  });
});

describe('late orders', () => {
  it('are still delivering when their window passes, and delivered the late minutes after it', () => {
    const end = windowStart + 120 * MIN;
    const late = order({ lateMinutes: 25 });
    expect(status(order(), end + MIN)).toBe('delivered');
    expect(status(late, windowStart + 60 * MIN)).toBe('delivering');
    expect(status(late, end + 24 * MIN)).toBe('delivering');
    expect(orderStateAt(late, end + 25 * MIN)).toMatchObject({ status: 'delivered', deliveredAt: end + 25 * MIN });
    const dispatch = order({ dispatch: true, stagedAt: windowStart - 60 * MIN, lateMinutes: 10 });
    expect(status(dispatch, end + 5 * MIN)).toBe('delivering');
    expect(status(dispatch, end + 10 * MIN)).toBe('delivered');
  });
});
