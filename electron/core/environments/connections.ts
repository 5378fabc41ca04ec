import type { Clock } from '../clock';
import type { Environments } from './environments';
import { sandboxOff } from './environment-errors';
import { ConnectClient } from '../connect/connect-client';
import { ReconnectTimer } from '../connect/reconnect-timer';
import type { CallOutcome, RequesterOptions } from '../connect/requester';

export interface ConnectionStatus {
  /** False until a call has reached the API, and after a call could not reach it. */
  online: boolean;
  lastSuccessAt: string | null;
}

/** What the client takes from the core's config: the injectable parts, for tests. */
export type ClientTuning = Pick<
  RequesterOptions,
  'fetch' | 'sleep' | 'random' | 'retry' | 'budget' | 'timeoutMs' | 'silenceMs' | 'after'
>;

export interface ConnectionsDeps {
  environments: Environments;
  clock: Clock;
  tuning?: ClientTuning | undefined;
  /** Waits between the checks of an unreachable environment (the default grows to a minute). */
  reconnectDelaysMs?: readonly number[] | undefined;
}

/**
 * One Connect client per environment (so each keeps its own token and retry budget), built on first
 * use and dropped when the environment's server or credentials change; and each environment's
 * reachability, as the calls themselves reveal it, checked again on its own while the selected one
 * cannot be reached.
 */
export class Connections {
  private readonly clients = new Map<string, ConnectClient>();
  private readonly statuses = new Map<string, ConnectionStatus>();
  private readonly reconnect: ReconnectTimer;
  private readonly statusListeners = new Set<(environmentId: string) => void>();

  constructor(private readonly deps: ConnectionsDeps) {
    this.reconnect = new ReconnectTimer((id) => this.recheck(id), deps.reconnectDelaysMs);
    deps.environments.onChange(({ id, what }) => {
      if (what !== 'selected') this.clients.delete(id);
      if (what === 'removed') this.statuses.delete(id);
      if (what === 'selected') this.reconnect.stop();
    });
  }

  /** The client of an environment: always named, so no call goes to whichever is selected at the time. */
  client(environmentId: string): ConnectClient {
    const existing = this.clients.get(environmentId);
    if (existing) return existing;
    const environment = this.deps.environments.find(environmentId);
    if (!environment.baseUrl) throw sandboxOff();
    const client = new ConnectClient({
      ...this.deps.tuning,
      baseUrl: environment.baseUrl,
      clock: this.deps.clock,
      credentials: () => this.deps.environments.credentials(environmentId),
      onOutcome: (outcome) => this.record(environmentId, outcome),
    });
    this.clients.set(environmentId, client);
    return client;
  }

  /** Calls the listener when an environment's online state or last success changes. */
  onStatus(listener: (environmentId: string) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  status(environmentId: string): ConnectionStatus {
    return this.statuses.get(environmentId) ?? { online: false, lastSuccessAt: null };
  }

  /** Finds out whether an environment is reachable by making sure it has a token; errors are only recorded. */
  async probe(environmentId: string): Promise<void> {
    try {
      await this.client(environmentId).signIn();
    } catch {
      // The outcome (offline, refused) is recorded by the client; there is no one to tell here.
    }
  }

  /** Asks the API for a new token: a cached one proves nothing about whether it answers now. */
  private async recheck(environmentId: string): Promise<void> {
    try {
      await this.client(environmentId).testConnection();
    } catch {
      // Recorded by the client, like the probe's.
    }
  }

  /** Stops the checks of an unreachable environment. */
  close(): void {
    this.reconnect.close();
  }

  private record(environmentId: string, outcome: CallOutcome): void {
    if (!outcome.reachable && environmentId === this.deps.environments.selectedId) {
      this.reconnect.unreachable(environmentId);
    } else if (outcome.reachable) {
      this.reconnect.reachable(environmentId);
    }
    const before = this.status(environmentId);
    const after: ConnectionStatus = {
      online: outcome.reachable,
      lastSuccessAt: outcome.success ? new Date(outcome.at).toISOString() : before.lastSuccessAt,
    };
    this.statuses.set(environmentId, after);
    if (after.online !== before.online || after.lastSuccessAt !== before.lastSuccessAt) {
      for (const listener of this.statusListeners) listener(environmentId);
    }
  }
}
