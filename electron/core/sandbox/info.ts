import type { DemoDataConfig } from './demo-data';
import { customerCount, demoCustomerAt, demoOrderId, INACTIVE_CUSTOMER_INDEX } from './demo-data';
import { isStageable, orderStateAt } from './lifecycle';
import type { SandboxState } from './state';
import { OPEN_STORES, SERVED_POSTAL_CODES, STORES, UNSUPPORTED_POSTAL_CODES } from './stores';

/** What `npm run sandbox` prints (the README's keys, then a few more a tester needs). */
export interface SandboxInfo {
  url: string;
  client_id: string;
  client_secret: string;
  user_ids: string[];
  location_codes: string[];
  postal_codes: { served: string[]; unsupported: string[] };
  sample_order_ids: string[];
  dispatch_order_ids: string[];
  /** Stores of the retailer with asynchronous create switched on. */
  async_location_codes: string[];
  /** Stores that exist but are not available for delivery. */
  unavailable_location_codes: string[];
  inactive_user_ids: string[];
}

const SAMPLES = 8;
const DISPATCH_SAMPLES = 10;
/** Enough demo orders to meet every status without reading a million. */
const SCAN_LIMIT = 5000;

function demoUserIds(demo: DemoDataConfig): string[] {
  const ids: string[] = [];
  const customers = Math.min(customerCount(demo.count), demo.count);
  for (let c = 0; c < customers && ids.length < 5; c++) {
    if (c !== INACTIVE_CUSTOMER_INDEX) ids.push(demoCustomerAt(demo, c).userId);
  }
  return ids;
}

/** Sample orders of varied statuses, and dispatch orders that can be staged now. */
function sampleOrders(state: SandboxState): { samples: string[]; dispatch: string[] } {
  const demo = state.settings.demo;
  const now = state.clock.now();
  const byStatus = new Map<string, string>();
  const others: string[] = [];
  const dispatch: string[] = [];
  for (let i = 0; i < Math.min(demo.count, SCAN_LIMIT); i++) {
    const id = demoOrderId(i);
    const order = state.orders.get(id);
    if (!order) continue;
    const life = orderStateAt(order, now);
    if (!byStatus.has(life.status)) byStatus.set(life.status, id);
    else if (others.length < SAMPLES) others.push(id);
    if (dispatch.length < DISPATCH_SAMPLES && isStageable(order, life)) dispatch.push(id);
    if (byStatus.size >= 7 && dispatch.length >= DISPATCH_SAMPLES && others.length >= SAMPLES) break;
  }
  return { samples: [...byStatus.values(), ...others].slice(0, SAMPLES), dispatch };
}

export function buildInfo(state: SandboxState): SandboxInfo {
  const demo = state.settings.demo;
  const { samples, dispatch } = sampleOrders(state);
  return {
    url: state.baseUrl,
    client_id: state.settings.credentials.clientId,
    client_secret: state.settings.credentials.clientSecret,
    user_ids: demoUserIds(demo),
    location_codes: OPEN_STORES.map((s) => s.code),
    postal_codes: { served: [...SERVED_POSTAL_CODES], unsupported: [...UNSUPPORTED_POSTAL_CODES] },
    sample_order_ids: samples,
    dispatch_order_ids: dispatch,
    async_location_codes: STORES.filter((s) => s.asyncCreate && s.availableForDelivery).map((s) => s.code),
    unavailable_location_codes: STORES.filter((s) => !s.availableForDelivery).map((s) => s.code),
    inactive_user_ids:
      customerCount(demo.count) > INACTIVE_CUSTOMER_INDEX ? [demoCustomerAt(demo, INACTIVE_CUSTOMER_INDEX).userId] : [],
  };
}
