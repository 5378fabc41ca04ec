import { randomBytes } from 'node:crypto';
import type { SandboxClock } from './clock';
import type { CounterRecorder } from './counters';
import type { DemoDataConfig, DemoOrder } from './demo-data';
import { demoCustomerIndex, demoOrderAt, demoOrderIndex, INACTIVE_CUSTOMER_INDEX } from './demo-data';
import type { FaultController } from './faults';
import type { SandboxOrder } from './lifecycle';

export interface SandboxSettings {
  demo: DemoDataConfig;
  credentials: { clientId: string; clientSecret: string };
  tokenTtlSeconds: number;
  holdTtlSeconds: number;
  updateCooldownSeconds: number;
  asyncDelaySeconds: number;
}

export interface Hold {
  id: number;
  optionId: number;
  userId: string;
  locationCode: string;
  expiresAt: number;
}

/** Everything the rules read and change; one per running sandbox. */
export interface SandboxState {
  settings: SandboxSettings;
  clock: SandboxClock;
  counters: CounterRecorder;
  faults: FaultController;
  orders: OrderBook;
  users: UserBook;
  holds: Map<number, Hold>;
  tokens: TokenBook;
  /** Set once the server listens. */
  baseUrl: string;
  nextHoldId(): number;
}

export function fromDemo(demo: DemoOrder): SandboxOrder {
  return {
    id: demo.orderId,
    userId: demo.userId,
    locationCode: demo.locationCode,
    dispatch: demo.dispatch,
    createdAt: demo.createdAt,
    windowStart: demo.windowStart,
    windowEnd: demo.windowEnd,
    locale: demo.locale.replace('-', '_'),
    instacartplus: demo.instacartplus,
    handoff: false,
    itemsCount: demo.itemsCount,
    bagsCount: demo.bagsCount,
    itemsWeight: demo.itemsWeight,
    cartTotal: demo.cartTotal,
    tipCents: demo.tipCents,
    alcoholic: demo.alcoholic,
    bagLabel: demo.bagLabel,
    specialInstructions: demo.specialInstructions,
    stagedAt: demo.stagedAt,
    cancelAt: demo.cancelAt,
    cancellationReason: demo.cancellationReason,
    rescheduleAt: demo.rescheduleAt,
    deliveryMinutes: demo.deliveryMinutes,
    lateMinutes: demo.lateMinutes,
    processingUntil: null,
    lastUpdatedAt: null,
  };
}

/**
 * Demo orders are generated on demand; only orders created through the API, or changed by a stage or
 * an update, are stored. A million demo orders therefore cost nothing until touched.
 */
export interface OrderBook {
  /** A copy for demo orders not yet touched: change it, then `save` it. */
  get(orderId: string): SandboxOrder | undefined;
  save(order: SandboxOrder): void;
  has(orderId: string): boolean;
  generateId(): string;
}

export function createOrderBook(demo: DemoDataConfig): OrderBook {
  const stored = new Map<string, SandboxOrder>();
  let generated = 0;
  const get = (orderId: string) => {
    const own = stored.get(orderId);
    if (own) return own;
    const index = demoOrderIndex(orderId, demo.count);
    return index === null ? undefined : fromDemo(demoOrderAt(demo, index));
  };
  return {
    get,
    save: (order) => void stored.set(order.id, order),
    has: (orderId) => get(orderId) !== undefined,
    generateId() {
      let id: string;
      do id = String(7_000_000_000_000 + ++generated);
      while (stored.has(id));
      return id;
    },
  };
}

export interface UserBook {
  /** A demo customer, or a user who created an order through the API. */
  known(userId: string): boolean;
  inactive(userId: string): boolean;
  register(userId: string): void;
}

export function createUserBook(demo: DemoDataConfig): UserBook {
  const registered = new Set<string>();
  return {
    known: (userId) => registered.has(userId) || demoCustomerIndex(demo, userId) !== null,
    inactive: (userId) => demoCustomerIndex(demo, userId) === INACTIVE_CUSTOMER_INDEX,
    register: (userId) => void registered.add(userId),
  };
}

export interface TokenBook {
  issue(now: number, ttlSeconds: number): { token: string; createdAt: number };
  valid(token: string, now: number): boolean;
}

/** Bearer tokens live in memory only and expire by the sandbox clock. */
export function createTokenBook(): TokenBook {
  const expiries = new Map<string, number>();
  return {
    issue(now, ttlSeconds) {
      const token = randomBytes(24).toString('base64url');
      expiries.set(token, now + ttlSeconds * 1000);
      return { token, createdAt: now };
    },
    valid(token, now) {
      const expiresAt = expiries.get(token);
      if (expiresAt === undefined) return false;
      if (now < expiresAt) return true;
      expiries.delete(token);
      return false;
    },
  };
}
