import type { JobProgress, JobView, LineError, RetrySummary } from '../../shared/contract';

const seconds = (s: number) => (s >= 90 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`);

/** One progress line: "[ 12.3 s] running  240/500 staged, 3 failed, 257 left, 19.8/s, about 13 s left". */
export function progressLine(progress: JobProgress, elapsedMs: number): string {
  const parts = [
    `${progress.done}/${progress.total} staged`,
    `${progress.failed} failed`,
    `${progress.remaining} left`,
    `${progress.ratePerSecond.toFixed(1)}/s`,
  ];
  if (progress.etaSeconds !== null && progress.remaining > 0) parts.push(`about ${seconds(progress.etaSeconds)} left`);
  const state = progress.state === 'waiting_for_network' ? 'waiting for the network' : progress.state;
  return `[${(elapsedMs / 1000).toFixed(1).padStart(6)} s] ${state.padEnd(8)} ${parts.join(', ')}`;
}

export function sheetErrors(errors: readonly LineError[]): string[] {
  return errors.map((e) => `  line ${e.line}${e.orderId ? ` (${e.orderId})` : ''}: ${e.message}`);
}

/** What happened to the job, and each order that did not get staged with why and what to do. */
export function summary(view: JobView, elapsedMs: number): string[] {
  const head = `Job ${view.jobId} ${view.state}: ${view.done} of ${view.total} staged, ${view.failed} failed, ${view.remaining} not settled (${seconds(elapsedMs / 1000)}).`;
  const lines = [head];
  if (view.error) lines.push(`  ${view.error.message}${view.error.hint ? ` ${view.error.hint}` : ''}`);
  const failed = view.items.filter((item) => item.state === 'failed');
  if (failed.length > 0) lines.push('Not staged:');
  for (const item of failed) {
    const where = item.line === null ? '' : `line ${item.line} `;
    const why = item.error ? `${item.error.message}${item.error.hint ? ` ${item.error.hint}` : ''}` : 'failed';
    lines.push(`  ${where}${item.orderId}: ${why}`);
  }
  if (view.remaining > 0 && view.state !== 'canceled') {
    lines.push(`Resume it with: npm run stage -- --resume ${view.jobId}`);
  }
  return lines;
}

/** What "retry failed" sent again, and each order it left with why. */
export function retryLines(retry: RetrySummary): string[] {
  const lines = [`Sending ${retry.retried} failed order(s) again; leaving ${retry.left.length}.`];
  for (const order of retry.left) lines.push(`  ${order.orderId}: ${order.reason}`);
  return lines;
}
