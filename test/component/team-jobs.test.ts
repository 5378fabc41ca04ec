import { describe, expect, it } from 'vitest';
import type { Api } from '../../renderer/lib/api';
import { TeamJobs } from '../../renderer/lib/team-jobs.svelte';
import type { TeamJobProgress } from '../../shared/contract';
import type { Result } from '../../shared/result';

/** The core's side of the Staging screen's "Other consoles": list answers released by the test, events pushed. */
function controlledApi() {
  const asks: ((jobs: TeamJobProgress[]) => void)[] = [];
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const api = {
    call: () => new Promise<Result<TeamJobProgress[]>>((resolve) => asks.push((value) => resolve({ ok: true, value }))),
    on: (name: string, listener: (payload: never) => void) => {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
  } as unknown as Api;
  const push = (name: string, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) listener(payload as never);
  };
  return { api, asks, push, listening: (name: string) => listeners.get(name)?.size ?? 0 };
}

const job = (jobId: string, state: TeamJobProgress['state'] = 'running'): TeamJobProgress => ({
  environmentId: 'store-42',
  jobId,
  consoleName: 'ben',
  name: `sheet ${jobId}`,
  state,
  total: 10,
  staged: 3,
  failed: 0,
  pending: 7,
  updatedAt: '2026-12-04T07:00:00.000Z',
});

const answered = () => new Promise((resolve) => setTimeout(resolve, 0));
const ids = (jobs: TeamJobs) => jobs.jobs.map((j) => j.jobId);

describe("the Staging screen's list of other consoles' jobs", () => {
  it('asks for the list again when the core hears the team database again, dropping what ended meanwhile', async () => {
    const core = controlledApi();
    const jobs = new TeamJobs(core.api);
    const stop = jobs.follow('store-42');
    core.asks[0]!([job('a'), job('b')]);
    await answered();
    expect(ids(jobs)).toEqual(['a', 'b']);

    // The listening connection was down while "a" ended and "c" started: no event said so.
    core.push('team:listening', { environmentId: 'other-env' });
    expect(core.asks).toHaveLength(1);
    core.push('team:listening', { environmentId: 'store-42' });
    expect(core.asks).toHaveLength(2);
    // Heard after the ask went out, so newer than its answer: "b" finished.
    core.push('team:staging-progress', job('b', 'finished'));
    core.asks[1]!([job('c'), job('b')]);
    await answered();
    expect(ids(jobs)).toEqual(['c']);

    stop();
    expect(jobs.jobs).toEqual([]);
    expect(core.listening('team:listening') + core.listening('team:staging-progress')).toBe(0);
  });

  it('keeps the newest ask’s answer when an older one comes back after it', async () => {
    const core = controlledApi();
    const jobs = new TeamJobs(core.api);
    jobs.follow('store-42');
    core.push('team:listening', { environmentId: 'store-42' });
    core.asks[1]!([job('new')]);
    await answered();
    core.asks[0]!([job('old')]);
    await answered();
    expect(ids(jobs)).toEqual(['new']);
  });
});
