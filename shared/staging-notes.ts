/**
 * How an order found staged or later by a look-up ended, in the words of its note; and the result a
 * report and the job's screen give it. Zod-free: the core writes the notes, the screen reads them.
 */
export const STAGED_BY_THIS_JOB = 'Staged: an answer was lost on the way, and a look-up confirmed it.';
export const STAGED_BEFORE = 'Already staged before this job: nothing was sent twice.';
export const ALREADY_DELIVERING = 'Already out for delivery before this job: nothing was sent.';
export const ALREADY_DELIVERED = 'Already delivered before this job: nothing was sent.';

const BEFORE: Record<string, string> = {
  [STAGED_BEFORE]: 'already staged',
  [ALREADY_DELIVERING]: 'already out for delivery',
  [ALREADY_DELIVERED]: 'already delivered',
};

/** A settled-as-done order's result: "staged" when this job staged it, else how far it had gone before. */
export function doneResult(note: string | null): string {
  return (note !== null && BEFORE[note]) || 'staged';
}
