/** Accepted operations per order: what exactly-once tests read. */
export interface OrderCounts {
  creates: number;
  stages: number;
  updates: number;
  cancels: number;
}

export interface CounterTotals {
  /** Every request the server read, admin routes excepted. */
  requests: number;
  tokens: number;
  creates: number;
  stages: number;
  updates: number;
  cancels: number;
  /** Connections destroyed on purpose, with no response. */
  dropped: number;
  /** 200 answers whose body was truncated on purpose. */
  malformed: number;
}

export interface CountersSnapshot {
  totals: CounterTotals;
  /** Responses sent, by HTTP status. */
  statusCodes: Record<string, number>;
  orders: Record<string, OrderCounts>;
}

export interface SandboxCounters {
  /** The accepted creates, stages, updates and cancels of one order (zeros when none). */
  order(orderId: string): OrderCounts;
  readonly orders: ReadonlyMap<string, Readonly<OrderCounts>>;
  readonly totals: Readonly<CounterTotals>;
  /** Responses sent, by HTTP status. */
  statusCount(status: number): number;
  snapshot(): CountersSnapshot;
  reset(): void;
}

export interface CounterRecorder extends SandboxCounters {
  accepted(kind: keyof OrderCounts, orderId: string): void;
  request(): void;
  token(): void;
  response(status: number): void;
  dropped(): void;
  malformed(): void;
}

const zeroTotals = (): CounterTotals => ({
  requests: 0,
  tokens: 0,
  creates: 0,
  stages: 0,
  updates: 0,
  cancels: 0,
  dropped: 0,
  malformed: 0,
});

export function createCounters(): CounterRecorder {
  let orders = new Map<string, OrderCounts>();
  let totals = zeroTotals();
  let statuses = new Map<number, number>();
  return {
    get orders() {
      return orders;
    },
    get totals() {
      return totals;
    },
    order: (orderId) => ({ ...(orders.get(orderId) ?? { creates: 0, stages: 0, updates: 0, cancels: 0 }) }),
    statusCount: (status) => statuses.get(status) ?? 0,
    snapshot: () => ({
      totals: { ...totals },
      statusCodes: Object.fromEntries([...statuses].map(([status, n]) => [String(status), n])),
      orders: Object.fromEntries([...orders].map(([id, counts]) => [id, { ...counts }])),
    }),
    reset: () => {
      orders = new Map();
      totals = zeroTotals();
      statuses = new Map();
    },
    accepted: (kind, orderId) => {
      const counts = orders.get(orderId) ?? { creates: 0, stages: 0, updates: 0, cancels: 0 };
      counts[kind]++;
      orders.set(orderId, counts);
      totals[kind]++;
    },
    request: () => void totals.requests++,
    token: () => void totals.tokens++,
    response: (status) => void statuses.set(status, (statuses.get(status) ?? 0) + 1),
    dropped: () => void totals.dropped++,
    malformed: () => void totals.malformed++,
  };
}
