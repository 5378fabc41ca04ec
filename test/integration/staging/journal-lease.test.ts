import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../../electron/core/cache/cache';
import { openCache } from '../../../electron/core/cache/cache';
import type { LeaseOwner, LeaseRules } from '../../../electron/core/staging/lease';
import { DEFAULT_LEASE, heldElsewhere, processAlive } from '../../../electron/core/staging/lease';
import { StagingJournal } from '../../../electron/core/staging/journal';
import { tempDir } from '../../support/temp-dir';

/** The pid of a process that has just exited: certainly gone. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid;
}

describe('a staging job lease in the journal', () => {
  const dir = tempDir('lastmile-lease-journal-');
  const caches: Cache[] = [];
  afterEach(() => {
    for (const cache of caches.splice(0)) cache.close();
    dir.remove();
  });

  let now = 1_000_000;
  const clock = { now: () => now };
  /** Two connections to one file, as two consoles have. */
  function journals(): [StagingJournal, StagingJournal] {
    const file = join(dir.path, 'lastmile.db');
    const a = openCache(file, { clock });
    const b = openCache(file, { clock });
    caches.push(a, b);
    return [new StagingJournal(a.database.db, clock), new StagingJournal(b.database.db, clock)];
  }
  const rulesOf = (self: LeaseOwner): LeaseRules => ({ self, options: DEFAULT_LEASE, isAlive: processAlive });
  const here = (id: string, pid = process.pid): LeaseOwner => ({ id, pid, host: 'this-host' });

  it('is refused while its owner is alive and renewing, and taken once it expires', () => {
    const [a, b] = journals();
    const ownerA = here('a');
    const ownerB = here('b');
    const job = a.createJob({ name: 'j', environmentId: 'sandbox', rows: [{ orderId: 'X' }] }, ownerA);
    const byB = (lease: Parameters<typeof heldElsewhere>[0]) => heldElsewhere(lease, rulesOf(ownerB), now);

    expect(b.takeLease(job.id, ownerB, byB)).toMatchObject({ id: 'a', pid: process.pid, host: 'this-host' });
    now += DEFAULT_LEASE.leaseMs - 1;
    expect(a.renewLease(job.id, 'a')).toBe(true);
    now += DEFAULT_LEASE.leaseMs - 1;
    expect(b.takeLease(job.id, ownerB, byB)).not.toBeNull();
    // A's writes are refused from the moment B holds the lease.
    now += 1;
    expect(b.takeLease(job.id, ownerB, byB)).toBeNull();
    expect(a.renewLease(job.id, 'a')).toBe(false);
    const [item] = a.items(job.id);
    expect(a.save(job.id, { ...item!, state: 'in_flight', attempts: 1 }, 'a')).toBe(false);
    expect(a.setState(job.id, 'finished', null, 'a')).toBe(false);
    expect(b.items(job.id)[0]).toMatchObject({ state: 'pending', attempts: 0 });
    expect(b.job(job.id)).toMatchObject({ state: 'running', lease: { id: 'b' } });
    b.releaseLease(job.id, 'b');
    expect(a.job(job.id)?.lease).toBeNull();
  });

  it('is taken at once from an owner of this machine whose process is gone, never from one on another machine', () => {
    const [a, b] = journals();
    const ownerB = here('b');
    const gone = a.createJob({ name: 'gone', environmentId: 'sandbox', rows: [] }, here('a', deadPid()));
    const remote = a.createJob(
      { name: 'remote', environmentId: 'sandbox', rows: [] },
      {
        id: 'r',
        pid: deadPid(),
        host: 'another-host',
      },
    );
    const byB = (lease: Parameters<typeof heldElsewhere>[0]) => heldElsewhere(lease, rulesOf(ownerB), now);
    expect(b.takeLease(gone.id, ownerB, byB)).toBeNull();
    expect(b.takeLease(remote.id, ownerB, byB)).toMatchObject({ id: 'r', host: 'another-host' });
  });

  it('pauses the jobs of owners that are gone and leaves alone the one a live console runs', () => {
    const [a, b] = journals();
    const live = a.createJob({ name: 'live', environmentId: 'sandbox', rows: [] }, here('a'));
    const dead = a.createJob({ name: 'dead', environmentId: 'sandbox', rows: [] }, here('d', deadPid()));
    const ownerB = here('b');
    const error = { code: 'interrupted', message: 'stopped' };
    b.interruptAbandoned(error, (lease) => heldElsewhere(lease, rulesOf(ownerB), now), new Set());
    expect(b.job(live.id)).toMatchObject({ state: 'running', lease: { id: 'a' } });
    expect(b.job(dead.id)).toMatchObject({ state: 'paused', error, lease: null });
  });

  it('counts a process of another user as alive (EPERM), and an exited one as gone', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(1)).toBe(true);
    expect(processAlive(deadPid())).toBe(false);
  });
});
