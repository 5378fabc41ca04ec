import type { Sandbox, SandboxOptions } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  body: unknown;
}

/** A fixed moment after the E.164 date, at 09:00 in the sandbox's stores (UTC-8). */
export const TEST_NOW = Date.parse('2026-11-23T17:00:00Z');

export async function send(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

export interface TestApi {
  sandbox: Sandbox;
  token: string;
  call(method: string, path: string, body?: unknown): Promise<Answer>;
  /** Holds the first bookable slot of a store for a user; returns the hold id and the slot's window. */
  hold(userId: string, locationCode: string): Promise<{ holdId: number; optionId: number; start: string; end: string }>;
  close(): Promise<void>;
}

export async function getToken(sandbox: Sandbox): Promise<string> {
  const answer = await send(sandbox.url, 'POST', '/v2/oauth/token', {
    client_id: sandbox.credentials.clientId,
    client_secret: sandbox.credentials.clientSecret,
    grant_type: 'client_credentials',
    scope: 'connect:fulfillment',
  });
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${answer.text}`);
  return (answer.body as { access_token: string }).access_token;
}

/** A sandbox on a frozen clock at TEST_NOW, with a token ready. */
export async function startTestApi(options: SandboxOptions = {}): Promise<TestApi> {
  const sandbox = await startSandbox({
    orders: 300,
    seed: 42,
    clock: createSandboxClock({ start: TEST_NOW, frozen: true }),
    ...options,
  });
  const token = await getToken(sandbox);
  const call = (method: string, path: string, body?: unknown) =>
    send(sandbox.url, method, path, body, { authorization: `Bearer ${token}` });
  return {
    sandbox,
    token,
    call,
    async hold(userId, locationCode) {
      const list = await call('POST', `/v2/fulfillment/users/${userId}/service_options/last_mile`, {
        location_code: locationCode,
        address: { address_line_1: '50 Beale St', postal_code: '94105' },
      });
      const options = (
        list.body as {
          service_options: {
            id: number;
            window: { start_at: string; end_at: string };
            availability: { available: boolean };
          }[];
        }
      ).service_options;
      const option = options.find((o) => o.availability.available);
      if (!option) throw new Error(`no bookable slot at ${locationCode}`);
      const held = await call('POST', `/v2/fulfillment/users/${userId}/service_options/${option.id}/hold`, {
        location_code: locationCode,
      });
      if (held.status !== 200) throw new Error(`hold: ${held.status} ${held.text}`);
      const holdId = (held.body as { service_option_hold: { id: number } }).service_option_hold.id;
      return { holdId, optionId: option.id, start: option.window.start_at, end: option.window.end_at };
    },
    close: () => sandbox.close(),
  };
}

/** A create body that passes every check, for the given hold. */
export function validCreate(holdId: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    order_id: `test-${Math.random().toString(36).slice(2, 10)}`,
    location_code: '1001',
    service_option_hold_id: holdId,
    first_name: 'Kamal',
    last_name: 'Singh',
    user_phone: '+18005550101',
    items_count: 12,
    items_weight: 15,
    address: { address_line_1: '50 Beale St', postal_code: '94105' },
    ...overrides,
  };
}

/** Creates an order through the API at a store and returns its id. */
export async function createOrder(
  api: TestApi,
  userId: string,
  locationCode: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const { holdId } = await api.hold(userId, locationCode);
  const body = validCreate(holdId, { location_code: locationCode, ...overrides });
  const answer = await api.call('POST', `/v2/fulfillment/users/${userId}/orders/last_mile`, body);
  if (answer.status !== 200) throw new Error(`create: ${answer.status} ${answer.text}`);
  return (answer.body as { id: string }).id;
}

export const single = (message: string, code: number | null, meta?: Record<string, unknown>) =>
  meta ? { error: { message, code }, meta } : { error: { message, code } };
