import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { CoreError } from '../core-error';

/** Who runs a job: one staging service (a console, a command-line run), its process and machine. */
export interface LeaseOwner {
  id: string;
  pid: number;
  host: string;
}

/** An owner and when it last said it was still running the job. */
export interface Lease extends LeaseOwner {
  heartbeatMs: number;
}

export interface LeaseOptions {
  /** A lease not renewed for this long is expired: its owner stopped or hangs. */
  leaseMs: number;
  /** How often a running job renews its lease: a few times within `leaseMs`. */
  heartbeatMs: number;
}

export const DEFAULT_LEASE: LeaseOptions = { leaseMs: 15_000, heartbeatMs: 3_000 };

/** This process as a lease owner: a fresh id per staging service, so two services never share a lease. */
export function thisProcess(): LeaseOwner {
  return { id: randomUUID(), pid: process.pid, host: hostname() };
}

/** False only when the process is certainly gone; one of another user (EPERM) is alive. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export interface LeaseRules {
  self: LeaseOwner;
  options: LeaseOptions;
  isAlive: (pid: number) => boolean;
}

/**
 * Whether another owner still runs the job: its lease is fresh and its process is not known to be
 * gone. The process is checked only on this machine; elsewhere only the heartbeat can tell.
 */
export function heldElsewhere(lease: Lease | null, rules: LeaseRules, now: number): boolean {
  if (!lease || lease.id === rules.self.id) return false;
  if (now - lease.heartbeatMs >= rules.options.leaseMs) return false;
  return !(lease.host === rules.self.host && !rules.isAlive(lease.pid));
}

/** Refusal to act on a job another console runs. */
export function ownedElsewhere(lease: Lease, action: string, rules: LeaseRules): CoreError {
  const where = lease.host === rules.self.host ? `process ${lease.pid}` : `process ${lease.pid} on ${lease.host}`;
  return new CoreError({
    code: 'job_owned_elsewhere',
    message: `This job is running in another console (${where}): this one cannot ${action} it.`,
    hint: `Use the console that runs it, or wait until it stops: ${Math.round(rules.options.leaseMs / 1000)} seconds after that console is gone, the job can be resumed here.`,
  });
}
