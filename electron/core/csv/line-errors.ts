import type { LineError } from '../../../shared/contract';
import { MAX_LINE_ERRORS } from '../../../shared/limits';

/** Kinds named in the summary of the errors left out; any others are counted together. */
const MAX_KINDS = 12;
const OTHER_KIND = 'other problems';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * What a list left out, in one sentence: "and 1,659,000 more like these: "Order … appears more than
 * once" (1,659,000)".
 */
export function omittedSentence(omitted: number, kinds: ReadonlyMap<string, number>, what: string): string {
  const parts = [...kinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `"${kind}" (${count(n)})`);
  return `…and ${count(omitted)} more ${what} like these, not listed: ${parts.join('; ')}.`;
}

/**
 * Counts kinds of what a capped list leaves out, keeping the number of kinds itself bounded.
 */
export class KindCounts {
  readonly kinds = new Map<string, number>();

  add(kind: string): void {
    const known = this.kinds.has(kind) || this.kinds.size < MAX_KINDS ? kind : OTHER_KIND;
    this.kinds.set(known, (this.kinds.get(known) ?? 0) + 1);
  }
}

/**
 * The line errors of one file or batch: the first MAX_LINE_ERRORS are kept, the others only counted by
 * kind, so a file of a million bad lines builds a thousand errors, not a million. Errors are expected in
 * line order (a file read from its start), so the ones kept are the first lines'.
 */
export class LineErrors {
  private readonly kept: LineError[] = [];
  private readonly left = new KindCounts();
  private omitted = 0;
  private firstOmittedLine = 0;

  constructor(private readonly cap = MAX_LINE_ERRORS) {}

  /** Every error added, listed or not. */
  get total(): number {
    return this.kept.length + this.omitted;
  }

  /**
   * `kind` is a short name of the problem for the summary ("Order … appears more than once"); `make`
   * builds the error only when it is listed.
   */
  add(kind: string, line: number, make: () => Omit<LineError, 'line'>): void {
    if (this.kept.length < this.cap) {
      this.kept.push({ line, ...make() });
      return;
    }
    if (this.omitted === 0) this.firstOmittedLine = line;
    this.omitted++;
    this.left.add(kind);
  }

  /** The errors listed, by line, and the entry counting those left out when there are any. */
  list(): LineError[] {
    const listed = [...this.kept].sort((a, b) => a.line - b.line);
    if (this.omitted === 0) return listed;
    return [
      ...listed,
      {
        line: this.firstOmittedLine,
        omitted: this.omitted,
        message: `${omittedSentence(this.omitted, this.left.kinds, 'lines')} Correct the lines listed and read the file again to see the others.`,
      },
    ];
  }
}
