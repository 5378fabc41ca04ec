import Database from 'better-sqlite3';
import { migration as stagingJournal } from '../../../electron/core/store/migrations/0005-staging-journal';
import { migration as stagingLease } from '../../../electron/core/store/migrations/0006-staging-lease';
import { ConnectError } from '../../../electron/core/connect/connect-error';
import { errorFromResponse } from '../../../electron/core/connect/parse-error';
import type { StageValues } from '../../../shared/contract';
import type { ApiOrder } from '../../../shared/domain';
import { AdaptiveLimiter, DEFAULT_LIMITER } from '../../../electron/core/connect/adaptive-limiter';
import type { ItemRecord } from '../../../electron/core/staging/journal';
import { StagingJournal } from '../../../electron/core/staging/journal';
import type { RunnerDeps, StageApi, StagingRecorder } from '../../../electron/core/staging/job-runner';
import { JobRunner } from '../../../electron/core/staging/job-runner';
import { FakeTime } from './fake-time';

/** What the fake API does with one request: answer normally, or fail in a given way (before or after acting). */
export type Fault =
  | 'ok'
  | '429'
  | '500-after' // carried out, then 500
  | 'timeout-after' // carried out, answer never came
  | 'timeout-before' // never carried out
  | 'refused' // ECONNREFUSED: never sent
  | '401'
  | { wait2003: number }
  | { validation: string };

export const apiError = (status: number, body: unknown) => errorFromResponse(status, { json: body }, 'Staging order x');

const timeout = () =>
  new ConnectError({ kind: 'timeout', message: 'no answer', hint: 'check the network', ambiguous: true });

/**
 * A scripted Connect API for runner unit tests: orders with a status; each call takes the next fault
 * of its order's script (then 'ok'). A stage of an order not stageable answers 404/4000, as the API does.
 */
export class FakeApi implements StageApi {
  readonly orders = new Map<string, string>();
  readonly scripts = new Map<string, Fault[]>();
  readonly stagesAccepted = new Map<string, number>();
  readonly calls: { kind: 'stage' | 'get'; orderId: string; at: number }[] = [];
  /** Called as a request leaves, to look at the journal at that moment. */
  onSend?: (kind: 'stage' | 'get', orderId: string) => void;
  down = false;

  constructor(
    private readonly time: FakeTime,
    private readonly latencyMs = 50,
  ) {}

  private next(orderId: string): Fault {
    return this.scripts.get(orderId)?.shift() ?? 'ok';
  }

  private order(orderId: string): ApiOrder {
    return { id: orderId, status: this.orders.get(orderId) ?? 'missing' };
  }

  async stage(orderId: string, _values: StageValues, signal: AbortSignal): Promise<ApiOrder> {
    this.onSend?.('stage', orderId);
    this.calls.push({ kind: 'stage', orderId, at: this.time.now });
    await this.time.sleep(this.latencyMs, signal);
    if (this.down) throw new ConnectError({ kind: 'network', message: 'down', hint: 'wait', ambiguous: false });
    const fault = this.next(orderId);
    if (fault === '429') throw apiError(429, { error: { message: 'Too many requests', code: null } });
    if (fault === 'timeout-before') throw timeout();
    if (fault === 'refused')
      throw new ConnectError({ kind: 'network', message: 'refused', hint: 'x', ambiguous: false });
    if (fault === '401') throw apiError(401, { error: { message: 'Unauthorized', code: null } });
    if (typeof fault === 'object' && 'wait2003' in fault) {
      throw apiError(400, { error: { message: 'try later', code: 2003 }, meta: { wait: String(fault.wait2003) } });
    }
    if (typeof fault === 'object')
      throw apiError(400, { error: { message: fault.validation, code: 1001 }, meta: { key: 'bags_count' } });
    const status = this.orders.get(orderId);
    if (status !== 'acknowledged' && status !== 'brand_new') {
      throw apiError(404, { error: { message: 'No order that is eligible to be staged could be found', code: 4000 } });
    }
    this.orders.set(orderId, 'staged');
    this.stagesAccepted.set(orderId, (this.stagesAccepted.get(orderId) ?? 0) + 1);
    if (fault === '500-after') throw apiError(500, { error: { message: 'Internal error', code: null } });
    if (fault === 'timeout-after') throw timeout();
    return this.order(orderId);
  }

  async get(orderId: string, signal: AbortSignal): Promise<ApiOrder> {
    this.onSend?.('get', orderId);
    this.calls.push({ kind: 'get', orderId, at: this.time.now });
    await this.time.sleep(this.latencyMs, signal);
    if (this.down) throw new ConnectError({ kind: 'network', message: 'down', hint: 'wait', ambiguous: false });
    if (!this.orders.has(orderId)) throw apiError(404, { error: { message: 'Resource not found', code: 4000 } });
    return this.order(orderId);
  }
}

export interface RunnerFixture {
  time: FakeTime;
  api: FakeApi;
  db: Database.Database;
  journal: StagingJournal;
  recorded: { orders: ApiOrder[]; audits: { orderId: string; outcome: string }[] };
  jobId: string;
  runner(overrides?: Partial<RunnerDeps>): JobRunner;
  item(orderId: string): ItemRecord;
  close(): void;
}

/** A job of `orderIds` (all stageable unless changed) in a journal on a real in-memory SQLite database. */
export function runnerFixture(orderIds: string[]): RunnerFixture {
  const time = new FakeTime();
  time.now = 1_000_000;
  const api = new FakeApi(time);
  for (const id of orderIds) api.orders.set(id, 'acknowledged');
  const db = new Database(':memory:');
  stagingJournal.up(db);
  stagingLease.up(db);
  const journal = new StagingJournal(db, time.clock);
  const job = journal.createJob({
    name: 'test',
    environmentId: 'sandbox',
    rows: orderIds.map((orderId) => ({ orderId })),
  });
  const recorded: RunnerFixture['recorded'] = { orders: [], audits: [] };
  const recorder: StagingRecorder = {
    orderSeen: (_env, order) => recorded.orders.push(order),
    staged: (_env, item, outcome) => recorded.audits.push({ orderId: item.orderId, outcome }),
  };
  const limiter = new AdaptiveLimiter(time.clock, time.sleep, { ...DEFAULT_LIMITER, initialRate: 50 });
  return {
    time,
    api,
    db,
    journal,
    recorded,
    jobId: job.id,
    runner: (overrides = {}) =>
      new JobRunner({
        jobId: job.id,
        environmentId: 'sandbox',
        journal,
        api,
        limiter,
        recorder,
        clock: time.clock,
        sleep: time.sleep,
        onChange: () => {},
        ...overrides,
      }),
    item: (orderId) => journal.items(job.id).find((item) => item.orderId === orderId)!,
    close: () => db.close(),
  };
}
