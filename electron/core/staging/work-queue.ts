import type { ItemRecord } from './journal';

export interface Task {
  kind: 'stage' | 'lookup';
  seq: number;
}

/**
 * What a runner may do next: look up orders in doubt (always first), then send stage requests in sheet
 * order, holding back orders the API asked to wait for. Orders in doubt when the run began block every
 * stage request until each has been looked up, so nothing is sent again before the journal is settled.
 */
export class WorkQueue {
  private readonly lookups: number[] = [];
  private readonly ready: number[] = [];
  private delayed: { seq: number; at: number }[] = [];
  private readonly doubtAtStart = new Set<number>();

  constructor(items: readonly ItemRecord[]) {
    for (const item of items) {
      if (item.state === 'unknown') this.doubtAtStart.add(item.seq);
      this.put(item);
    }
  }

  /** Files an item by its state; settled items leave the queue. */
  put(item: ItemRecord): void {
    if (item.state === 'unknown') this.lookups.push(item.seq);
    else if (item.state === 'pending' && item.notBeforeMs > 0)
      this.delayed.push({ seq: item.seq, at: item.notBeforeMs });
    else if (item.state === 'pending') this.ready.push(item.seq);
    if (item.state !== 'unknown') this.doubtAtStart.delete(item.seq);
  }

  hasReady(now: number): boolean {
    if (this.lookups.length > 0) return true;
    if (this.doubtAtStart.size > 0) return false;
    return this.ready.length > 0 || this.delayed.some((entry) => entry.at <= now);
  }

  take(now: number): Task | undefined {
    const lookup = this.lookups.shift();
    if (lookup !== undefined) return { kind: 'lookup', seq: lookup };
    if (this.doubtAtStart.size > 0) return undefined;
    const due = this.delayed.findIndex((entry) => entry.at <= now);
    if (due >= 0) return { kind: 'stage', seq: this.delayed.splice(due, 1)[0]!.seq };
    const seq = this.ready.shift();
    return seq === undefined ? undefined : { kind: 'stage', seq };
  }

  /** The next stage request only (none while a lookup waits or orders from before are in doubt). */
  takeStage(now: number): number | undefined {
    if (this.lookups.length > 0 || this.doubtAtStart.size > 0) return undefined;
    const task = this.take(now);
    return task?.seq;
  }

  /** Nothing left to look up or send (work under way aside). */
  isEmpty(): boolean {
    return this.lookups.length === 0 && this.ready.length === 0 && this.delayed.length === 0;
  }

  /** When the first held-back order may be sent; Infinity when none is held back. */
  nextDueAt(): number {
    return this.delayed.reduce((soonest, entry) => Math.min(soonest, entry.at), Infinity);
  }
}
