import { CoreError } from '../core-error';

/**
 * Every Connect path the console calls, in one table, so a path the vendor moves (get and update are
 * deprecated paths; the service option paths are modelled, not documented here) is corrected in one place.
 */
export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT';
  /** `{name}` segments are filled from path parameters, URI-encoded. */
  path: string;
  /** Sends the bearer token. */
  auth: boolean;
  /** Words for messages: "Creating order x1 failed ...". */
  what: string;
}

export const ENDPOINTS = {
  token: { method: 'POST', path: '/v2/oauth/token', auth: false, what: 'Signing in to Connect' },
  createOrder: {
    method: 'POST',
    path: '/v2/fulfillment/users/{user_id}/orders/last_mile',
    auth: true,
    what: 'Creating order {order_id}',
  },
  // Asynchronous creation is a per-retailer setting on the same path; only the (shorter) answer differs.
  createOrderAsync: {
    method: 'POST',
    path: '/v2/fulfillment/users/{user_id}/orders/last_mile',
    auth: true,
    what: 'Creating order {order_id} (asynchronous)',
  },
  // Deprecated path, still served; the replacement path is not in the vendor pages we have.
  getOrder: {
    method: 'GET',
    path: '/v2/fulfillment/lastmile/orders/{order_id}',
    auth: true,
    what: 'Getting order {order_id}',
  },
  // Deprecated path, still served.
  updateOrder: {
    method: 'PUT',
    path: '/v2/fulfillment/lastmile/orders/{order_id}',
    auth: true,
    what: 'Updating order {order_id}',
  },
  stageOrder: {
    method: 'POST',
    path: '/v2/fulfillment/lastmile/orders/{order_id}/staged',
    auth: true,
    what: 'Staging order {order_id}',
  },
  // From Connect's public documentation (see the API notes): not in the vendor pages we have.
  cancelOrder: {
    method: 'POST',
    path: '/v2/fulfillment/users/{user_id}/orders/{order_id}/cancel',
    auth: true,
    what: 'Canceling order {order_id}',
  },
  // The same, for a dispatch order whose customer the console does not know (user_id optional in the body).
  cancelDispatchOrder: {
    method: 'POST',
    path: '/v2/fulfillment/lastmile/orders/{order_id}/cancel',
    auth: true,
    what: 'Canceling order {order_id}',
  },
  // Modelled on the Connect delivery workflow (see the API notes): not in the vendor pages we have.
  listServiceOptions: {
    method: 'POST',
    path: '/v2/fulfillment/users/{user_id}/service_options/last_mile',
    auth: true,
    what: 'Listing time slots',
  },
  // Modelled on the Connect delivery workflow (see the API notes): not in the vendor pages we have.
  holdServiceOption: {
    method: 'POST',
    path: '/v2/fulfillment/users/{user_id}/service_options/{service_option_id}/hold',
    auth: true,
    what: 'Reserving time slot {service_option_id}',
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

export type PathParams = Record<string, string | number>;

/**
 * A value URI-encoded for a path or query. A broken UTF-16 string (a lone surrogate, as a bad paste can
 * give) cannot be encoded; silently replacing the character would ask about a different order.
 */
function encodeValue(name: string, value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    throw new CoreError({
      code: 'invalid_input',
      key: name,
      message: `The ${name.replace(/_/g, ' ')} contains a broken character that cannot be sent.`,
      hint: 'Type it again, or copy it again from where it came from.',
    });
  }
}

/**
 * The full URL of an endpoint under a base URL that may carry a path prefix (a proxy). Every path segment
 * is filled with encodeURIComponent, so `/`, `?`, `#` and `%` inside a value stay inside its segment. Dots
 * are not encoded by it, and the URL library resolves a `.` or `..` segment (also written `%2e`) into
 * another endpoint: the contract refuses such ids, and a URL whose path came out other than built is
 * refused here too, so nothing that skipped the contract (a sheet, the CLI) can reach another endpoint.
 */
export function endpointUrl(
  baseUrl: string,
  endpoint: Endpoint,
  params: PathParams = {},
  query: Record<string, string | undefined> = {},
): string {
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') throw new Error(`Missing path parameter "${name}" for ${endpoint.path}.`);
    return encodeValue(name, String(value));
  });
  const search = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeValue(name, value)}`)
    .join('&');
  const base = new URL(baseUrl);
  const built = `${base.pathname.replace(/\/+$/, '')}${path}`;
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`);
  if (url.pathname !== built) throw unsafeSegment(endpoint, params);
  return url.toString();
}

function unsafeSegment(endpoint: Endpoint, params: PathParams): CoreError {
  const names = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const name = names.find((n) => /^\.+$/.test(String(params[n]))) ?? names[0] ?? 'value';
  return new CoreError({
    code: 'invalid_input',
    key: name,
    message: `The ${name.replace(/_/g, ' ')} "${String(params[name])}" would be read by a web address as another path, so it was not sent.`,
    hint: 'Check that it is the real id (not dots or a web address) and try again.',
  });
}

/** The endpoint's description with its parameters, for messages. */
export function describeCall(endpoint: Endpoint, params: PathParams = {}): string {
  return endpoint.what.replace(/ ?\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    return value === undefined || value === '' ? '' : ` ${String(value)}`;
  });
}
