import { afterEach, describe, expect, it } from 'vitest';
import type { RunnerFixture } from './runner-fixture';
import { runnerFixture } from './runner-fixture';
import {
  ALREADY_DELIVERED,
  ALREADY_DELIVERING,
  STAGED_BEFORE,
  STAGED_BY_THIS_JOB,
} from '../../../electron/core/staging/item-outcomes';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `O${i + 1}`);

describe('JobRunner', () => {
  let f: RunnerFixture;
  afterEach(() => f?.close());

  async function run(fixture: RunnerFixture) {
    const runner = fixture.runner();
    await fixture.time.until(runner.run());
    return runner;
  }

  it('stages every order once, each committed as in flight before its request leaves', async () => {
    f = runnerFixture(ids(30));
    const seenAtSend: string[] = [];
    f.api.onSend = (kind, orderId) => {
      const item = f.item(orderId);
      seenAtSend.push(`${kind}:${item.state}:${item.attempts}`);
    };
    const runner = await run(f);
    expect(runner.state).toBe('finished');
    expect(f.journal.job(f.jobId)?.state).toBe('finished');
    expect(seenAtSend).toEqual(Array(30).fill('stage:in_flight:1'));
    expect([...f.api.stagesAccepted.values()]).toEqual(Array(30).fill(1));
    expect(f.journal.counts(f.jobId)).toEqual({ total: 30, done: 30, failed: 0, waiting: 0 });
    expect(f.recorded.orders).toHaveLength(30);
    expect(f.recorded.audits.every((a) => a.outcome === 'ok')).toBe(true);
  });

  it('sends a 429ed order again, and the limiter slows down', async () => {
    f = runnerFixture(ids(3));
    f.api.scripts.set('O2', ['429', '429']);
    const runner = f.runner();
    await f.time.until(runner.run());
    expect(f.item('O2')).toMatchObject({ state: 'done', attempts: 3 });
    expect(f.api.calls.filter((c) => c.kind === 'get')).toEqual([]);
  });

  it('looks up an order whose answer was lost, and does not send it again when it was staged', async () => {
    f = runnerFixture(ids(2));
    f.api.scripts.set('O1', ['timeout-after']);
    f.api.scripts.set('O2', ['500-after']);
    await run(f);
    for (const id of ['O1', 'O2']) {
      expect(f.api.stagesAccepted.get(id)).toBe(1);
      expect(f.api.calls.filter((c) => c.orderId === id).map((c) => c.kind)).toEqual(['stage', 'get']);
      expect(f.item(id)).toMatchObject({ state: 'done', orderStatus: 'staged', uncertain: true });
      expect(f.item(id).note).toMatch(/look-up confirmed it/);
    }
  });

  it('sends again, after a look-up, an order whose lost request was never carried out', async () => {
    f = runnerFixture(ids(1));
    f.api.scripts.set('O1', ['timeout-before']);
    await run(f);
    expect(f.api.calls.map((c) => c.kind)).toEqual(['stage', 'get', 'stage']);
    expect(f.item('O1')).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('settles a "not eligible" answer by a look-up: already staged is done, anything else fails with the reason', async () => {
    f = runnerFixture(['A', 'B', 'C', 'D']);
    f.api.orders.set('A', 'staged');
    f.api.orders.set('B', 'canceled');
    f.api.orders.delete('C');
    f.api.orders.set('D', 'delivered');
    await run(f);
    expect(f.item('A')).toMatchObject({
      state: 'done',
      note: 'Already staged before this job: nothing was sent twice.',
    });
    expect(f.item('B')).toMatchObject({ state: 'failed', orderStatus: 'canceled', error: { code: 'not_stageable' } });
    expect(f.item('B').error?.message).toMatch(/was canceled/);
    expect(f.item('C')).toMatchObject({ state: 'failed', error: { code: 'not_found' } });
    expect(f.item('C').error?.message).toMatch(/no order C in this environment/);
    expect(f.item('D')).toMatchObject({ state: 'done', orderStatus: 'delivered' });
    expect(f.api.stagesAccepted.size).toBe(0);
  });

  it('fails a not-eligible order whose status is not a stageable one without looping', async () => {
    f = runnerFixture(['N']);
    f.api.orders.set('N', 'acknowledged');
    // An acknowledged order the API still refuses: a delivery (not dispatch) order.
    f.api.stage = async (orderId) => {
      f.api.calls.push({ kind: 'stage', orderId, at: f.time.now });
      const { apiError } = await import('./runner-fixture');
      throw apiError(404, { error: { message: 'No order that is eligible to be staged could be found', code: 4000 } });
    };
    await run(f);
    expect(f.item('N')).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'not_stageable' } });
    expect(f.item('N').error?.hint).toMatch(/dispatch/);
  });

  it("waits the 2003's meta.wait for that order only", async () => {
    f = runnerFixture(ids(3));
    f.api.scripts.set('O1', [{ wait2003: 5 }]);
    await run(f);
    const stages = f.api.calls.filter((c) => c.orderId === 'O1');
    expect(stages).toHaveLength(2);
    expect(stages[1]!.at - stages[0]!.at).toBeGreaterThanOrEqual(5_000);
    const others = f.api.calls.filter((c) => c.orderId !== 'O1');
    expect(Math.max(...others.map((c) => c.at))).toBeLessThan(stages[0]!.at + 1_000);
    expect(f.item('O1').state).toBe('done');
  });

  it('fails an order the API refuses for a reason the user must fix, with the hint', async () => {
    f = runnerFixture(ids(2));
    f.api.scripts.set('O1', [{ validation: 'bags_count is invalid' }]);
    await run(f);
    expect(f.item('O1')).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: { code: 'api_validation', apiCode: 1001 },
    });
    expect(f.item('O1').error?.hint).toBeTruthy();
    expect(f.recorded.audits).toContainEqual({ orderId: 'O1', outcome: 'error' });
    expect(f.item('O2').state).toBe('done');
  });

  it('waits for the network when the API cannot be reached, then goes on by itself', async () => {
    f = runnerFixture(ids(20));
    const states: string[] = [];
    let sent = 0;
    f.api.onSend = () => {
      if (++sent === 5) f.api.down = true;
    };
    const runner = f.runner({ onChange: () => void (states.at(-1) !== runner.state && states.push(runner.state)) });
    const done = runner.run();
    await f.time.run(() => runner.state === 'waiting_for_network');
    expect(f.journal.job(f.jobId)).toMatchObject({ state: 'waiting_for_network', error: { code: 'network' } });
    const callsWhileDown = f.api.calls.length;
    f.time.now += 20_000;
    await f.time.run(() => f.api.calls.length > callsWhileDown + 2);
    f.api.down = false;
    await f.time.until(done);
    expect(states).toEqual(['running', 'waiting_for_network', 'running', 'finished']);
    expect(f.journal.counts(f.jobId)).toEqual({ total: 20, done: 20, failed: 0, waiting: 0 });
    expect([...f.api.stagesAccepted.values()].every((n) => n === 1)).toBe(true);
  });

  it('after a crash, looks up every order left in flight before sending any stage request', async () => {
    f = runnerFixture(ids(6));
    const items = f.journal.items(f.jobId);
    // As a killed console leaves it: O1 staged (answer lost), O2 in flight but never received.
    f.journal.save(f.jobId, { ...items[0]!, state: 'in_flight', attempts: 1 });
    f.journal.save(f.jobId, { ...items[1]!, state: 'in_flight', attempts: 1 });
    f.api.orders.set('O1', 'staged');
    f.api.stagesAccepted.set('O1', 1);
    await run(f);
    const firstStage = f.api.calls.findIndex((c) => c.kind === 'stage');
    expect(
      f.api.calls
        .slice(0, firstStage)
        .map((c) => `${c.kind}:${c.orderId}`)
        .sort(),
    ).toEqual(['get:O1', 'get:O2']);
    expect([...f.api.stagesAccepted.entries()].sort()).toEqual(ids(6).map((id) => [id, 1]));
    expect(f.item('O1')).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('pauses the whole job when the credentials are refused, losing nothing', async () => {
    f = runnerFixture(ids(5));
    f.api.scripts.set('O1', ['401']);
    const runner = f.runner();
    await f.time.until(runner.run());
    expect(runner.state).toBe('paused');
    expect(f.journal.job(f.jobId)).toMatchObject({ state: 'paused', error: { code: 'unauthorized' } });
    expect(f.item('O1').state).toBe('pending');
    const resumed = f.runner();
    await f.time.until(resumed.run());
    expect(f.journal.counts(f.jobId)).toEqual({ total: 5, done: 5, failed: 0, waiting: 0 });
  });

  it('pause stops sending and settles what is in flight; cancel leaves the rest unsent', async () => {
    f = runnerFixture(ids(40));
    const runner = f.runner();
    const done = runner.run();
    await f.time.run(() => f.api.calls.length >= 5);
    runner.pause();
    await f.time.until(done);
    const paused = f.journal.items(f.jobId);
    expect(paused.some((i) => i.state === 'in_flight' || i.state === 'unknown')).toBe(false);
    expect(f.journal.job(f.jobId)?.state).toBe('paused');
    const sent = f.api.calls.length;
    expect(sent).toBeLessThan(40);
    const second = f.runner();
    const again = second.run();
    await f.time.run(() => f.api.calls.length >= sent + 3);
    second.cancel();
    await f.time.until(again);
    expect(f.journal.job(f.jobId)?.state).toBe('canceled');
    const counts = f.journal.counts(f.jobId);
    expect(counts.done).toBe(f.api.calls.length);
    expect(counts.done).toBeLessThan(40);
  });

  it('stops at once, writing and sending nothing more, when its lease is taken over', async () => {
    f = runnerFixture(ids(40));
    const mine = { id: 'mine', pid: 1, host: 'h' };
    expect(f.journal.takeLease(f.jobId, mine, () => false)).toBeNull();
    const runner = f.runner({ ownerId: 'mine' });
    const done = runner.run();
    await f.time.run(() => f.api.calls.length >= 5);
    f.journal.takeLease(f.jobId, { id: 'theirs', pid: 2, host: 'h' }, () => false);
    const before = f.journal.items(f.jobId);
    await f.time.until(done);
    const sentAfter = f.api.calls.length;
    expect(sentAfter).toBeLessThan(40);
    expect(runner.error?.code).toBe('job_owned_elsewhere');
    expect(f.journal.items(f.jobId)).toEqual(before);
    expect(f.journal.job(f.jobId)).toMatchObject({ state: 'running', lease: { id: 'theirs' } });
  });

  it('never ends finished while the journal holds an order that is not settled', async () => {
    f = runnerFixture(ids(4));
    const runner = f.runner();
    f.api.onSend = (_kind, orderId) => {
      // Another writer of the journal puts O1 back as pending once this runner has settled it.
      if (orderId === 'O4') f.journal.save(f.jobId, { ...f.item('O1'), state: 'pending' });
    };
    await f.time.until(runner.run());
    expect(runner.state).toBe('paused');
    expect(f.journal.job(f.jobId)).toMatchObject({ state: 'paused', error: { code: 'unsettled' } });
    expect(f.journal.job(f.jobId)?.error?.message).toMatch(/^1 order was neither staged nor failed/);
  });

  it('calls an order staged by a late request of this job "staged", never "already staged before this job"', async () => {
    f = runnerFixture(ids(2));
    f.api.scripts.set('O1', ['timeout-before']);
    let o1Stages = 0;
    f.api.onSend = (kind, orderId) => {
      // The timed-out request is carried out late, after the look-up found the order still stageable.
      if (kind === 'stage' && orderId === 'O1' && ++o1Stages === 2) f.api.orders.set('O1', 'staged');
    };
    f.api.orders.set('O2', 'staged');
    await f.time.until(f.runner().run());
    expect(f.api.calls.filter((c) => c.orderId === 'O1').map((c) => c.kind)).toEqual(['stage', 'get', 'stage', 'get']);
    expect(f.item('O1')).toMatchObject({ state: 'done', note: STAGED_BY_THIS_JOB });
    expect(f.item('O2')).toMatchObject({ state: 'done', note: STAGED_BEFORE });
  });

  it('calls an order delivered (or out for delivery) before the job by that name, not "already staged"', async () => {
    f = runnerFixture(ids(3));
    f.api.orders.set('O1', 'delivered');
    f.api.orders.set('O2', 'delivering');
    f.api.orders.set('O3', 'staged');
    await f.time.until(f.runner().run());
    expect(f.item('O1')).toMatchObject({ state: 'done', note: ALREADY_DELIVERED });
    expect(f.item('O2')).toMatchObject({ state: 'done', note: ALREADY_DELIVERING });
    expect(f.item('O3')).toMatchObject({ state: 'done', note: STAGED_BEFORE });
  });
});
