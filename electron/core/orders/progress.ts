import type { ProgressEvent } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { Emit } from '../events';

/** A renderer needs a few updates a second, not one per order of a ten-thousand-order refresh. */
const EVERY_MS = 100;

/** Emits `orders:progress` for one batch: the first and last updates always, those between at most every 100 ms. */
export function progressReporter(
  emit: Emit,
  clock: Clock,
  operation: ProgressEvent['operation'],
  total: number,
): (done: number, failed: number) => void {
  let sentAt = -Infinity;
  emit('orders:progress', { operation, done: 0, failed: 0, total });
  return (done, failed) => {
    const now = clock.now();
    if (done < total && now - sentAt < EVERY_MS) return;
    sentAt = now;
    emit('orders:progress', { operation, done, failed, total });
  };
}
