import * as admin from './admin';
import { cancelOrder } from './rules/cancel';
import type { Handler } from './http-types';
import { createOrder } from './rules/create';
import { getOrder } from './rules/get';
import { holdServiceOption, listServiceOptions } from './rules/service-options';
import { stageOrder } from './rules/stage';
import { issueToken } from './rules/token';
import { updateOrder } from './rules/update';

/**
 * Every path the sandbox serves, in one table. `api` routes need a bearer token and meet the faults;
 * `token` and `admin` routes do neither.
 */
export interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  kind: 'token' | 'api' | 'admin';
  /** The body is parsed as a JSON object before the handler runs. */
  readsJson: boolean;
  /** The transient 2003 fault can answer this route (create, update and stage document it). */
  transient2003?: boolean;
  handler: Handler;
}

export const ROUTES: readonly Route[] = [
  { name: 'token', method: 'POST', path: '/v2/oauth/token', kind: 'token', readsJson: false, handler: issueToken },
  {
    name: 'create',
    method: 'POST',
    path: '/v2/fulfillment/users/:user_id/orders/last_mile',
    kind: 'api',
    readsJson: true,
    transient2003: true,
    handler: createOrder,
  },
  {
    name: 'get',
    method: 'GET',
    path: '/v2/fulfillment/lastmile/orders/:order_id',
    kind: 'api',
    readsJson: false,
    handler: getOrder,
  },
  {
    name: 'update',
    method: 'PUT',
    path: '/v2/fulfillment/lastmile/orders/:order_id',
    kind: 'api',
    readsJson: true,
    transient2003: true,
    handler: updateOrder,
  },
  {
    name: 'stage',
    method: 'POST',
    path: '/v2/fulfillment/lastmile/orders/:order_id/staged',
    kind: 'api',
    readsJson: true,
    transient2003: true,
    handler: stageOrder,
  },
  {
    name: 'cancel',
    method: 'POST',
    path: '/v2/fulfillment/users/:user_id/orders/:order_id/cancel',
    kind: 'api',
    readsJson: true,
    handler: cancelOrder,
  },
  {
    name: 'cancel-dispatch',
    method: 'POST',
    path: '/v2/fulfillment/lastmile/orders/:order_id/cancel',
    kind: 'api',
    readsJson: true,
    handler: cancelOrder,
  },
  {
    name: 'service-options',
    method: 'POST',
    path: '/v2/fulfillment/users/:user_id/service_options/last_mile',
    kind: 'api',
    readsJson: true,
    handler: listServiceOptions,
  },
  {
    name: 'hold',
    method: 'POST',
    path: '/v2/fulfillment/users/:user_id/service_options/:service_option_id/hold',
    kind: 'api',
    readsJson: true,
    handler: holdServiceOption,
  },
  ...(
    [
      ['GET', '/_sandbox/info', admin.adminInfo],
      ['GET', '/_sandbox/counters', admin.adminCounters],
      ['POST', '/_sandbox/counters/reset', admin.adminResetCounters],
      ['GET', '/_sandbox/faults', admin.adminFaults],
      ['PUT', '/_sandbox/faults', admin.adminSetFaults],
      ['GET', '/_sandbox/clock', admin.adminClock],
      ['POST', '/_sandbox/clock', admin.adminSetClock],
      ['GET', '/_sandbox/orders/:order_id', admin.adminOrder],
      ['GET', '/_sandbox/demo-orders', admin.adminDemoOrders],
      ['GET', '/_sandbox/assumptions', admin.adminAssumptions],
      ['GET', '/_sandbox/shop-export.csv', admin.adminShopExportCsv],
      ['GET', '/_sandbox/shop-export.xlsx', admin.adminShopExportXlsx],
    ] as const
  ).map(([method, path, handler]): Route => ({
    name: `admin ${method} ${path}`,
    method,
    path,
    kind: 'admin',
    readsJson: method !== 'GET',
    handler,
  })),
];

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

const compiled: CompiledRoute[] = ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}/?$`), names };
});

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'none' };

export function matchRoute(method: string, path: string): RouteMatch {
  const allowed: string[] = [];
  for (const { route, pattern, names } of compiled) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = safeDecode(match[i + 1] ?? '');
    });
    return { kind: 'found', route, params };
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
}
