import type { SandboxClock } from './clock';
import { createSandboxClock } from './clock';
import type { SandboxCounters } from './counters';
import { createCounters } from './counters';
import { demoOrders } from './demo-data';
import type { FaultConfig } from './faults';
import { createFaults, defaultFaults } from './faults';
import type { SandboxInfo } from './info';
import { buildInfo } from './info';
import { startServer } from './server';
import type { SandboxState } from './state';
import { createOrderBook, createTokenBook, createUserBook } from './state';
import { DEFAULT_TIME_ZONE, STORE_TIME_ZONES } from './stores';

export type { SandboxClock } from './clock';
export { createSandboxClock } from './clock';
export type { CountersSnapshot, OrderCounts, SandboxCounters } from './counters';
export type { DemoCustomer, DemoDataConfig, DemoOrder } from './demo-data';
export { demoCustomerAt, demoOrderAt, demoOrderId, demoOrders } from './demo-data';
export type { FaultConfig } from './faults';
export type { SandboxInfo } from './info';

/** The zones the sandbox's stores are in, for the console's settings of the built-in Sandbox. */
export const SANDBOX_TIME_ZONES = { timeZone: DEFAULT_TIME_ZONE, stores: { ...STORE_TIME_ZONES } };

/** The sandbox's public demo credentials: printed on start, safe to show anyone. */
export const DEMO_CREDENTIALS = { clientId: 'lastmile-sandbox', clientSecret: 'sandbox-secret-not-for-production' };

export interface SandboxOptions {
  /** 0 (the default) picks a free port; the sandbox always listens on 127.0.0.1. */
  port?: number;
  /** Demo orders to generate (default 3000). */
  orders?: number;
  seed?: number;
  /** Default: real time. Tests pass createSandboxClock({ start, frozen: true }). */
  clock?: SandboxClock;
  tokenTtlSeconds?: number;
  faults?: Partial<FaultConfig>;
  credentials?: { clientId: string; clientSecret: string };
  /** How long after an update another one gets the "recently updated" 2003 (default 1200, as the page). */
  updateCooldownSeconds?: number;
  /** How long a service option hold lasts (default 600). */
  holdTtlSeconds?: number;
  /** How long an asynchronous create stays in processing (default 5). */
  asyncDelaySeconds?: number;
}

export interface Sandbox {
  /** Base URL, no trailing slash. */
  url: string;
  credentials: { clientId: string; clientSecret: string };
  /** Computed when read: the dispatch orders listed are the ones stageable now. */
  readonly info: SandboxInfo;
  /** Every seeded order, for prefetching into a cache. */
  demoOrders(): { orderId: string; userId: string }[];
  counters: SandboxCounters;
  setFaults(partial: Partial<FaultConfig>): FaultConfig;
  faults(): FaultConfig;
  clock: SandboxClock;
  close(): Promise<void>;
}

export const DEFAULT_DEMO_ORDERS = 3000;

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`Sandbox option ${name} must be 0 or more, got ${value}.`);
  return value;
}

/** Starts the built-in Connect sandbox: a real HTTP server on 127.0.0.1 with demo data. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? createSandboxClock();
  const seed = Math.trunc(options.seed ?? 1);
  const count = Math.trunc(nonNegative('orders', options.orders, DEFAULT_DEMO_ORDERS));
  const demo = { count, seed, now: clock.now() };
  const faults = createFaults(defaultFaults(seed));
  faults.set(options.faults ?? {});
  const counters = createCounters();
  let holdIds = 456_000;
  const state: SandboxState = {
    settings: {
      demo,
      credentials: options.credentials ?? DEMO_CREDENTIALS,
      tokenTtlSeconds: nonNegative('tokenTtlSeconds', options.tokenTtlSeconds, 86_400),
      holdTtlSeconds: nonNegative('holdTtlSeconds', options.holdTtlSeconds, 600),
      updateCooldownSeconds: nonNegative('updateCooldownSeconds', options.updateCooldownSeconds, 1200),
      asyncDelaySeconds: nonNegative('asyncDelaySeconds', options.asyncDelaySeconds, 5),
    },
    clock,
    counters,
    faults,
    orders: createOrderBook(demo),
    users: createUserBook(demo),
    holds: new Map(),
    tokens: createTokenBook(),
    baseUrl: '',
    nextHoldId: () => ++holdIds,
  };
  const server = await startServer(state, nonNegative('port', options.port, 0));
  state.baseUrl = server.url;
  return {
    url: server.url,
    credentials: { ...state.settings.credentials },
    get info() {
      return buildInfo(state);
    },
    demoOrders: () => Array.from(demoOrders(demo), (o) => ({ orderId: o.orderId, userId: o.userId })),
    counters,
    setFaults: (partial) => faults.set(partial),
    faults: () => faults.config(),
    clock,
    close: () => server.close(),
  };
}
