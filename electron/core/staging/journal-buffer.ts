import type { ItemRecord, JournalWrite, StagingJournal } from './journal';

/**
 * Group commit for one job. What an answer settles may wait for the next commit: if the console dies
 * first, the journal still says "in flight" and the order is looked up on resume, which finds the
 * same result. What must not wait is marking an order in flight before its request leaves, so `commit`
 * takes those marks and writes them with everything waiting, in one transaction.
 */
export class JournalBuffer {
  private waiting: JournalWrite[] = [];

  constructor(
    private readonly journal: StagingJournal,
    private readonly jobId: string,
    /** The lease the writes are made under (see StagingJournal). */
    private readonly ownerId?: string,
  ) {}

  get size(): number {
    return this.waiting.length;
  }

  put(item: ItemRecord, alongside?: () => void): void {
    this.waiting.push({ item, alongside });
  }

  /**
   * Everything waiting, then `marks`, in one transaction; returns once it is on disk. False, and
   * nothing written, when the lease is no longer this runner's.
   */
  commit(marks: readonly ItemRecord[] = []): boolean {
    const writes = [...this.waiting, ...marks.map((item) => ({ item }))];
    this.waiting = [];
    return this.journal.saveMany(this.jobId, writes, this.ownerId);
  }
}
