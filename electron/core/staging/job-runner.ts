import { setMaxListeners } from 'node:events';
import type { JobState, StageValues } from '../../../shared/contract';
import type { ApiOrder } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import type { Clock, Sleep } from '../clock';
import { isConnectError } from '../connect/connect-error';
import type { AdaptiveLimiter, Permit } from '../connect/adaptive-limiter';
import type { OutcomeOptions, Step } from './item-outcomes';
import { afterLookup, afterStage, DEFAULT_OUTCOMES } from './item-outcomes';
import type { ItemRecord, JobCounts, StagingJournal } from './journal';
import { JournalBuffer } from './journal-buffer';
import { Napper, RateMeter } from './runner-timing';
import type { Task } from './work-queue';
import { WorkQueue } from './work-queue';

/** The two calls bulk staging makes, each a single attempt: the runner does its own retries. */
export interface StageApi {
  stage(orderId: string, values: StageValues, signal: AbortSignal): Promise<ApiOrder>;
  get(orderId: string, signal: AbortSignal): Promise<ApiOrder>;
}

/** Where a settled order is recorded besides the journal: the cache (write-through) and the audit log. */
export interface StagingRecorder {
  /** `sent`: the values of the stage request the order answered, when it answered one. */
  orderSeen(environmentId: string, order: ApiOrder, from: 'stage' | 'get', sent?: StageValues): void;
  staged(environmentId: string, item: ItemRecord, outcome: 'ok' | 'error'): void;
}

export interface NetworkOptions {
  /** Failures to reach the API in a row (no answer in between) that mean the network is gone. */
  failuresToPause: number;
  probeFirstMs: number;
  probeMaxMs: number;
}

export const DEFAULT_NETWORK: NetworkOptions = { failuresToPause: 3, probeFirstMs: 1_000, probeMaxMs: 30_000 };

export interface RunnerDeps {
  jobId: string;
  environmentId: string;
  journal: StagingJournal;
  api: StageApi;
  limiter: AdaptiveLimiter;
  recorder: StagingRecorder;
  clock: Clock;
  sleep: Sleep;
  /** Told after every change of an item or of the job's state. */
  onChange: () => void;
  outcomes?: OutcomeOptions | undefined;
  network?: NetworkOptions | undefined;
  /** The lease the runner writes under: once it is lost (taken over), the runner stops at once. */
  ownerId?: string;
}

const NETWORK_LOST: AppError = {
  code: 'network',
  message: 'Instacart cannot be reached: the job waits for the network.',
  hint: 'Nothing is lost: the job goes on by itself as soon as Instacart answers again.',
  retryable: true,
};

const LEASE_LOST: AppError = {
  code: 'job_owned_elsewhere',
  message: 'Another console took this job over: this one stopped running it.',
  hint: 'Follow the job in the console that runs it now.',
};

function notSettled(count: number): AppError {
  return {
    code: 'unsettled',
    message: `${count} order${count === 1 ? ' was' : 's were'} neither staged nor failed when the job ran out of work.`,
    hint: 'Resume the job: orders in doubt are looked up first, so none is staged twice.',
  };
}

/** Orders marked in flight together: the next 50 ms of sends at the limiter's rate, 16 at most. */
const BATCH_AHEAD_SECONDS = 0.05;
const MAX_BATCH = 16;
/** Settled orders waiting for a commit, at most. */
const MAX_WAITING_WRITES = 64;

/**
 * Runs one job: sends its orders under the environment's limiter, marking each in flight (committed)
 * before its request goes out, and settles each answer through a get whenever the answer leaves in
 * doubt whether the order was staged. Orders in doubt from an earlier run are looked up before any
 * stage request is sent.
 */
export class JobRunner {
  readonly items: ItemRecord[];
  state: JobState = 'running';
  error: AppError | null = null;
  private readonly queue: WorkQueue;
  private readonly buffer: JournalBuffer;
  /** Marked in flight (committed), not yet sent. */
  private readonly reserved: number[] = [];
  private readonly outcomes: OutcomeOptions;
  private readonly network: NetworkOptions;
  /** Aborts the requests themselves: only when the console closes. */
  private readonly abort = new AbortController();
  /** Cuts short waits (for the limiter, for answers) when the job is told to stop. */
  private readonly halt = new AbortController();
  private readonly active = new Set<Promise<void>>();
  private stop: 'pause' | 'cancel' | 'shutdown' | null = null;
  private offline = false;
  private unreachable = 0;
  private readonly meter: RateMeter;
  private readonly napper: Napper;

  constructor(private readonly deps: RunnerDeps) {
    this.outcomes = deps.outcomes ?? DEFAULT_OUTCOMES;
    this.network = deps.network ?? DEFAULT_NETWORK;
    this.meter = new RateMeter(deps.clock);
    this.napper = new Napper(deps.sleep, this.halt.signal);
    // Every request and every wait of the job listens to these: dozens at once is normal, not a leak.
    setMaxListeners(0, this.abort.signal, this.halt.signal);
    // Sent before the last stop, answer never recorded: in doubt, like an order whose answer was lost.
    this.items = deps.journal.items(deps.jobId).map((item) => {
      if (item.state !== 'in_flight') return item;
      const doubt: ItemRecord = { ...item, state: 'unknown', uncertain: true };
      if (!deps.journal.save(deps.jobId, doubt, deps.ownerId)) this.leaseLost();
      return doubt;
    });
    this.queue = new WorkQueue(this.items);
    this.buffer = new JournalBuffer(deps.journal, deps.jobId, deps.ownerId);
  }

  get counts(): JobCounts {
    let done = 0;
    let failed = 0;
    let waiting = 0;
    for (const item of this.items) {
      if (item.state === 'done') done++;
      else if (item.state === 'failed') failed++;
      else if (item.state === 'pending' && item.error) waiting++;
    }
    return { total: this.items.length, done, failed, waiting };
  }

  /** Orders settled per second over the last few seconds. */
  rate(): number {
    return this.meter.perSecond();
  }

  /** Told to stop, and finishing what is in flight. */
  get stopping(): boolean {
    return this.stop !== null;
  }

  pause(error: AppError | null = null): void {
    this.requestStop('pause', error);
  }

  cancel(): void {
    this.requestStop('cancel', null);
  }

  /** The console is closing: abort what is in flight (it is looked up on resume) and leave the job as it is. */
  shutdown(): void {
    this.requestStop('shutdown', null);
    this.abort.abort(new Error('The console is closing.'));
  }

  /** The lease was taken over: nothing more may be written or sent; what is in flight is looked up by the new owner. */
  leaseLost(): void {
    this.shutdown();
    this.error = LEASE_LOST;
  }

  private requestStop(kind: 'pause' | 'cancel' | 'shutdown', error: AppError | null): void {
    if (this.stop === 'shutdown' || this.stop === 'cancel') return;
    this.stop = kind;
    this.error = error;
    this.halt.abort();
  }

  /** Runs until every order is settled, or the job is paused, canceled or shut down. */
  async run(): Promise<void> {
    this.setState('running', null);
    while (!this.stop) {
      if (this.offline) {
        this.commit();
        await this.waitForNetwork();
        continue;
      }
      const now = this.deps.clock.now();
      if (this.reserved.length === 0 && !this.queue.hasReady(now)) {
        if (this.active.size === 0 && this.queue.isEmpty()) break;
        this.commit();
        await this.napper.nap(Math.min(1_000, Math.max(1, this.queue.nextDueAt() - now)));
        continue;
      }
      let permit: Permit;
      try {
        permit = await this.deps.limiter.acquire(this.halt.signal);
      } catch {
        break;
      }
      const task = this.stop || this.offline ? undefined : this.nextTask(this.deps.clock.now());
      if (!task) permit.release('unused');
      else this.launch(task, permit);
      if (this.buffer.size >= MAX_WAITING_WRITES) this.commit();
    }
    // Marked in flight but never sent: back in the queue, as the journal will say once committed.
    for (const seq of this.reserved.splice(0)) {
      const item = this.items[seq]!;
      this.items[seq] = { ...item, state: 'pending', attempts: item.attempts - 1 };
      this.buffer.put(this.items[seq]);
    }
    await Promise.all([...this.active]);
    this.commit();
    if (this.stop === 'shutdown') return;
    if (!this.stop) {
      const unsettled = this.unsettled();
      if (unsettled > 0) return this.setState('paused', notSettled(unsettled));
    }
    this.setState(this.stop === 'cancel' ? 'canceled' : this.stop === 'pause' ? 'paused' : 'finished', this.error);
  }

  /**
   * Orders neither staged nor failed, by the runner's copy or by the journal, whichever counts more: a
   * job is finished only when both agree that every order is settled.
   */
  private unsettled(): number {
    const own = this.items.filter((item) => item.state !== 'done' && item.state !== 'failed').length;
    const stored = this.deps.journal.counts(this.deps.jobId);
    return Math.max(own, stored.total - stored.done - stored.failed);
  }

  private commit(marks: readonly ItemRecord[] = []): boolean {
    if (this.buffer.commit(marks)) return true;
    this.leaseLost();
    return false;
  }

  /**
   * The next thing to do. A stage request taken from the queue brings the next few with it (what the
   * limiter lets go in the next moments), all marked in flight in one commit: one fsync per batch
   * instead of one per order, which is what bounds the pace on a slow disk.
   */
  private nextTask(now: number): Task | undefined {
    const reserved = this.reserved.shift();
    if (reserved !== undefined) {
      // Marked under the lease a moment ago; a console stalled since then may have lost it meanwhile.
      if (this.deps.ownerId !== undefined && !this.deps.journal.holdsLease(this.deps.jobId, this.deps.ownerId)) {
        this.reserved.unshift(reserved);
        this.leaseLost();
        return undefined;
      }
      return { kind: 'stage', seq: reserved };
    }
    const task = this.queue.take(now);
    if (!task || task.kind === 'lookup') return task;
    const want = Math.min(MAX_BATCH, Math.max(1, Math.round(this.deps.limiter.rate * BATCH_AHEAD_SECONDS)));
    const batch = [task.seq];
    for (let next = this.queue.takeStage(now); next !== undefined; next = this.queue.takeStage(now)) {
      batch.push(next);
      if (batch.length >= want) break;
    }
    const marks = batch.map((seq) => {
      const item = this.items[seq]!;
      return (this.items[seq] = { ...item, state: 'in_flight', attempts: item.attempts + 1 });
    });
    // On disk before any of them is sent: a crash from here on leaves each order marked in doubt.
    if (!this.commit(marks)) return undefined;
    this.reserved.push(...batch.slice(1));
    return task;
  }

  private launch(task: Task, permit: Permit): void {
    const item = this.items[task.seq]!;
    const { api, clock } = this.deps;
    let work: Promise<Step>;
    if (task.kind === 'stage') {
      work = api.stage(item.orderId, item.values, this.abort.signal).then(
        (order) => afterStage(item, { order }, clock.now(), this.outcomes),
        (error: unknown) => afterStage(item, { error }, clock.now(), this.outcomes),
      );
    } else {
      const looking: ItemRecord = { ...item, lookups: item.lookups + 1 };
      work = api.get(item.orderId, this.abort.signal).then(
        (order) => afterLookup(looking, { order }, this.outcomes),
        (error: unknown) => afterLookup(looking, { error }, this.outcomes),
      );
    }
    const running = work.then((step) => this.apply(step, permit));
    this.active.add(running);
    void running.finally(() => this.active.delete(running));
  }

  private apply(step: Step, permit: Permit): void {
    const { environmentId, recorder } = this.deps;
    permit.release(step.permit);
    const { item } = step;
    this.buffer.put(item, () => {
      if (step.order) {
        const from = step.orderFrom ?? 'get';
        recorder.orderSeen(environmentId, step.order, from, from === 'stage' ? item.values : undefined);
      }
      if (step.settled) recorder.staged(environmentId, item, step.settled);
    });
    this.items[item.seq] = item;
    if (item.state === 'done' || item.state === 'failed') this.meter.settled();
    this.queue.put(item);
    this.noteReachable(step.reachable);
    if (step.pauseJob) this.pause(step.pauseJob);
    this.deps.onChange();
    this.napper.wake();
  }

  private noteReachable(reachable: boolean | null): void {
    if (reachable === true) {
      this.unreachable = 0;
      if (this.offline) {
        this.offline = false;
        this.setState('running', null);
      }
    } else if (reachable === false && ++this.unreachable >= this.network.failuresToPause && !this.offline) {
      this.offline = true;
      this.setState('waiting_for_network', NETWORK_LOST);
    }
  }

  /** Probes with a get of an order still to settle, backing off, until the API answers anything at all. */
  private async waitForNetwork(): Promise<void> {
    for (let delay = this.network.probeFirstMs; this.offline && !this.stop;) {
      await this.napper.nap(delay);
      if (!this.offline || this.stop) return;
      const probe = this.items.find((item) => item.state !== 'done' && item.state !== 'failed');
      if (!probe) return;
      try {
        await this.deps.api.get(probe.orderId, this.abort.signal);
        this.noteReachable(true);
      } catch (error) {
        const kind = isConnectError(error) ? error.kind : 'network';
        if (kind !== 'network' && kind !== 'timeout' && kind !== 'canceled') this.noteReachable(true);
      }
      delay = Math.min(this.network.probeMaxMs, delay * 2);
    }
  }

  private setState(state: JobState, error: AppError | null): void {
    if (!this.deps.journal.setState(this.deps.jobId, state, error, this.deps.ownerId)) {
      this.leaseLost();
      this.deps.onChange();
      return;
    }
    this.state = state;
    this.error = error;
    this.deps.onChange();
  }
}
