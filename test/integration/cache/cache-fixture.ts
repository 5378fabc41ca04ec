import { join } from 'node:path';
import type { Cache } from '../../../electron/core/cache/cache';
import { openCache } from '../../../electron/core/cache/cache';
import type { KnownOrderFields } from '../../../electron/core/orders/order-merge';
import type { ApiOrder } from '../../../shared/domain';
import { tempDir } from '../../support/temp-dir';

export const T0 = Date.parse('2026-06-15T12:00:00Z');

/** A cache on a real file in a fresh folder, with a clock the test moves. */
export function openTestCache(): Cache & {
  file: string;
  clock: { now(): number; set(ms: number): void };
  remove(): void;
} {
  const dir = tempDir('lastmile-cache-');
  let now = T0;
  const clock = { now: () => now, set: (ms: number) => void (now = ms) };
  const file = join(dir.path, 'lastmile.db');
  const cache = openCache(file, { clock });
  return {
    ...cache,
    file,
    clock,
    remove() {
      cache.close();
      dir.remove();
    },
  };
}

export function apiOrder(id: string, overrides: Partial<ApiOrder> = {}, startIso = '2026-06-15T14:00:00Z'): ApiOrder {
  const start = Date.parse(startIso);
  return {
    id,
    status: 'brand_new',
    created_at: '2026-06-14T09:00:00Z',
    fulfillment_details: {
      store_location: 'store-001',
      window_starts_at: new Date(start).toISOString(),
      window_ends_at: new Date(start + 3_600_000).toISOString(),
    },
    ...overrides,
  };
}

export function createRequest(overrides: KnownOrderFields = {}): KnownOrderFields {
  return {
    location_code: 'store-001',
    first_name: 'María',
    last_name: 'Garcia',
    user_phone: '+18005550101',
    address: { address_line_1: '1234 Maple St', postal_code: '94110' },
    bag_label: 'B-4821',
    items_count: 12,
    bags_count: 3,
    items_weight: 8.5,
    initial_tip_cents: 500,
    ...overrides,
  };
}
