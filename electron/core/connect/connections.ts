import type { Clock } from '../clock';
import type { Environments } from '../environments/environments';
import { sandboxOff } from '../environments/environments';
import { ConnectClient } from './connect-client';
import type { CallOutcome, RequesterOptions } from './requester';

export interface ConnectionStatus {
  /** False until a call has reached the API, and after a call could not reach it. */
  online: boolean;
  lastSuccessAt: string | null;
}

/** What the client takes from the core's config: the injectable parts, for tests. */
export type ClientTuning = Pick<RequesterOptions, 'fetch' | 'sleep' | 'random' | 'retry' | 'budget' | 'timeoutMs'>;

export interface ConnectionsDeps {
  environments: Environments;
  clock: Clock;
  tuning?: ClientTuning;
  /** Called when an environment's online state or last success changes. */
  onStatus: (environmentId: string) => void;
}

/**
 * One Connect client per environment (so each keeps its own token and retry budget), built on first
 * use and dropped when the environment's server or credentials change; and each environment's
 * reachability, as the calls themselves reveal it.
 */
export class Connections {
  private readonly clients = new Map<string, ConnectClient>();
  private readonly statuses = new Map<string, ConnectionStatus>();

  constructor(private readonly deps: ConnectionsDeps) {
    deps.environments.onChange(({ id, what }) => {
      if (what !== 'selected') this.clients.delete(id);
      if (what === 'removed') this.statuses.delete(id);
    });
  }

  /** The client of an environment (the selected one by default). */
  client(environmentId = this.deps.environments.selectedId): ConnectClient {
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

  private record(environmentId: string, outcome: CallOutcome): void {
    const before = this.status(environmentId);
    const after: ConnectionStatus = {
      online: outcome.reachable,
      lastSuccessAt: outcome.success ? new Date(outcome.at).toISOString() : before.lastSuccessAt,
    };
    this.statuses.set(environmentId, after);
    if (after.online !== before.online || after.lastSuccessAt !== before.lastSuccessAt) {
      this.deps.onStatus(environmentId);
    }
  }
}
