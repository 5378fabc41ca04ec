import type { DesktopNotice } from '../../../shared/contract';
import type { Clock, Sleep } from '../clock';

export interface NoticeItem {
  environmentId: string;
  orderId: string;
  /** One line: "ORD-1 is now delivering", "ORD-2: late". */
  line: string;
  /** A watched order's change: listed first, and the order a click opens. */
  watched?: boolean;
}

/** Lines one notice lists before "and N more". */
const MAX_LINES = 3;

/**
 * Batches what the watcher learned into desktop notices, at most one every `everyMs`: the first item
 * goes out at once, the ones that follow within the interval go out together when it ends.
 */
export class NoticeBatcher {
  private pending: NoticeItem[] = [];
  private lastAt = -Infinity;
  private timer: Promise<void> | null = null;
  private readonly stop = new AbortController();

  constructor(
    private readonly deps: { clock: Clock; sleep: Sleep; everyMs: number; send: (notice: DesktopNotice) => void },
  ) {}

  add(item: NoticeItem): void {
    if (this.stop.signal.aborted) return;
    this.pending.push(item);
    if (this.timer) return;
    const wait = this.lastAt + this.deps.everyMs - this.deps.clock.now();
    if (wait <= 0) return this.flush();
    this.timer = this.deps
      .sleep(wait, this.stop.signal)
      .then(() => this.flush())
      .catch(() => undefined)
      .finally(() => (this.timer = null));
  }

  close(): void {
    this.stop.abort();
    this.pending = [];
  }

  private flush(): void {
    const items = this.pending.splice(0);
    if (items.length === 0) return;
    // Stable: watched orders' changes first, each kind in the order it was learned.
    items.sort((a, b) => Number(b.watched ?? false) - Number(a.watched ?? false));
    this.lastAt = this.deps.clock.now();
    const first = items[0]!;
    const shown = items.slice(0, MAX_LINES).map((item) => item.line);
    if (items.length > MAX_LINES) shown.push(`and ${items.length - MAX_LINES} more`);
    this.deps.send({
      environmentId: first.environmentId,
      orderId: first.orderId,
      title: items.length === 1 ? 'Last Mile Console' : `Last Mile Console: ${items.length} updates`,
      body: shown.join('\n'),
    });
  }
}
