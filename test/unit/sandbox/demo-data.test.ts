import { describe, expect, it } from 'vitest';
import type { DemoOrder } from '../../../electron/core/sandbox/demo-data';
import { demoCustomerIndex, demoOrderAt, demoOrderIndex, demoOrders } from '../../../electron/core/sandbox/demo-data';
import { orderStateAt } from '../../../electron/core/sandbox/lifecycle';
import { fromDemo } from '../../../electron/core/sandbox/state';
import { classifyPostalCode, storeByCode } from '../../../electron/core/sandbox/stores';
import { isE164 } from '../../../shared/phone';

const now = Date.parse('2026-11-23T17:00:00Z');
const config = { count: 3000, seed: 7, now };
const DAY = 86_400_000;

describe('the demo data generator', () => {
  it('is deterministic: the same seed gives the same orders, another seed others', () => {
    expect([...demoOrders({ ...config, count: 50 })]).toEqual([...demoOrders({ ...config, count: 50 })]);
    expect(demoOrderAt(config, 17)).toEqual(demoOrderAt(config, 17));
    expect(demoOrderAt({ ...config, seed: 8 }, 17)).not.toEqual(demoOrderAt(config, 17));
  });

  it('computes any order alone, so a million cost nothing until read', () => {
    const million = { ...config, count: 1_000_000 };
    const last = demoOrderAt(million, 999_999);
    expect(last.orderId).toBe('LM0999999');
    expect(demoOrderIndex(last.orderId, million.count)).toBe(999_999);
    expect(demoOrderIndex('LM1000000', million.count)).toBeNull();
    expect(demoOrderIndex('LM12', million.count)).toBeNull();
  });

  it('produces realistic, valid fields: E.164 phones, served postal codes, street addresses, known users', () => {
    const checks: [string, (o: DemoOrder) => boolean][] = [
      ['E.164 phone in the 555-01xx range', (o) => isE164(o.phone) && /^\+1\d{3}55501\d{2}$/.test(o.phone)],
      ['served postal code', (o) => classifyPostalCode(o.address.postal_code) === 'served'],
      ['house number and street', (o) => /^\d+ \S/.test(o.address.address_line_1)],
      ['names', (o) => /^\p{L}/u.test(o.firstName) && /^\p{L}/u.test(o.lastName)],
      ['known user', (o) => demoCustomerIndex(config, o.userId) !== null],
      ['open store', (o) => storeByCode(o.locationCode)?.availableForDelivery === true],
      ['two-hour window', (o) => o.windowEnd - o.windowStart === 2 * 3_600_000],
      ['window within days of now', (o) => o.windowStart > now - 3 * DAY && o.windowStart < now + 4 * DAY],
      ['created in the past', (o) => o.createdAt < now],
      ['bag label', (o) => o.bagLabel !== ''],
    ];
    const failures = [...demoOrders(config)].flatMap((o) =>
      checks.filter(([, ok]) => !ok(o)).map(([what]) => `${o.orderId}: ${what}`),
    );
    expect(failures).toEqual([]);
  });

  it('mixes statuses and stores, with a realistic share of dispatch orders', () => {
    const orders = [...demoOrders(config)];
    const statuses = new Set(orders.map((o) => orderStateAt(fromDemo(o), now).status));
    expect([...statuses].sort()).toEqual(
      ['acknowledged', 'brand_new', 'canceled', 'delivered', 'delivering', 'rescheduled', 'staged'].sort(),
    );
    expect(new Set(orders.map((o) => o.locationCode)).size).toBe(6);
    const dispatchShare = orders.filter((o) => o.dispatch).length / orders.length;
    expect(dispatchShare).toBeGreaterThan(0.3);
    expect(dispatchShare).toBeLessThan(0.7);
    expect(new Set(orders.map((o) => o.userId)).size).toBeGreaterThan(1000);
  });
});
