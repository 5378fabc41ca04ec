import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobOwner, JobView } from '../../shared/contract';
import StageJobPanel from '../../renderer/components/staging/StageJobPanel.svelte';

afterEach(cleanup);

function job(owner: JobOwner | null, state: JobView['state'] = 'running'): JobView {
  return {
    jobId: 'job-1',
    name: 'Morning shift',
    environmentId: 'sandbox',
    state,
    total: 2,
    done: 1,
    failed: 1,
    remaining: 0,
    waiting: 0,
    ratePerSecond: 0,
    etaSeconds: null,
    error: null,
    owner,
    createdAt: '2026-11-23T08:00:00.000Z',
    updatedAt: '2026-11-23T08:01:00.000Z',
    items: [],
  };
}

function show(view: JobView) {
  render(StageJobPanel, {
    props: { job: view, busy: null, error: null, onaction: () => {}, onreport: async () => null, onnew: () => {} },
  });
}

const button = (name: RegExp) => screen.queryByRole('button', { name });

describe('the job panel', () => {
  it('shows a job another console runs as running there, with nothing to pause, resume, cancel or retry', () => {
    show(job({ pid: 4242, here: false }));
    expect(screen.getByTestId('job-state').textContent).toBe('Running in another console (pid 4242)');
    expect(screen.getByTestId('job-elsewhere').textContent).toMatch(
      /This job is running in another console \(pid 4242\)/,
    );
    for (const name of [/^Pause/, /^Resume/, /^Cancel job/, /^Retry failed/]) expect(button(name)).toBeNull();
  });

  it('offers pause and cancel for a job this console runs, and resume and retry once it is paused', () => {
    show(job({ pid: 1, here: true }));
    expect(screen.getByTestId('job-state').textContent).toBe('Running');
    expect(button(/^Pause/)).not.toBeNull();
    expect(button(/^Cancel job/)).not.toBeNull();
    cleanup();
    show(job(null, 'paused'));
    expect(button(/^Resume/)).not.toBeNull();
    expect(button(/^Retry failed/)).not.toBeNull();
  });
});
