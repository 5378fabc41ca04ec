import type { ConnectClient } from '../../electron/core/connect/connect-client';
import type { FaultConfig, Sandbox } from '../../electron/core/sandbox';
import type { CreateOrderRequest } from '../../shared/domain';

/** A fixed moment after the E.164 date, at 09:00 in the sandbox's stores (UTC-8): slots are open. */
export const SANDBOX_TEST_NOW = Date.parse('2026-11-23T17:00:00Z');

export interface FaultSwitch {
  /** Real fetch, which also turns a one-off fault off once the faulted request has been answered. */
  fetch: typeof fetch;
  /** Applies `faults` to the next `times` API requests (token requests not counted), then clears them. */
  once(faults: Partial<FaultConfig>, times?: number): void;
}

/**
 * Sandbox faults strike at a rate; a test of "fails, is retried, then succeeds" needs a fault that
 * strikes exactly once. Requests go out one at a time within a call, so clearing the fault when the
 * faulted request has come back (or failed) leaves the retry clean.
 */
export function faultSwitch(sandbox: Sandbox): FaultSwitch {
  const clean = sandbox.faults();
  let remaining = 0;
  const settle = () => {
    if (remaining > 0 && --remaining === 0) sandbox.setFaults(clean);
  };
  return {
    fetch: async (input, init) => {
      const isToken = String(input instanceof Request ? input.url : input).endsWith('/v2/oauth/token');
      try {
        return await fetch(input, init);
      } finally {
        if (!isToken) settle();
      }
    },
    once(faults, times = 1) {
      remaining = times;
      sandbox.setFaults(faults);
    },
  };
}

/** Lists a store's slots for a user, holds the first bookable one, and returns a create request for it. */
export async function bookableRequest(
  client: ConnectClient,
  userId: string,
  locationCode = '1002',
  overrides: Partial<CreateOrderRequest> = {},
): Promise<CreateOrderRequest> {
  const address = { address_line_1: '50 Beale St', postal_code: '94105' };
  const options = await client.listServiceOptions(userId, { location_code: locationCode, address });
  const option = options.find((o) => o.availability.available);
  if (!option) throw new Error(`no bookable slot at ${locationCode}`);
  const hold = await client.holdServiceOption(userId, option.id, { location_code: locationCode });
  return {
    location_code: locationCode,
    service_option_hold_id: hold.id,
    first_name: 'Kamal',
    last_name: 'Singh',
    user_phone: '+14155550101',
    items_count: 12,
    items_weight: 15,
    address,
    ...overrides,
  };
}
