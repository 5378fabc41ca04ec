import type { AppInfo } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import type { Clock } from './clock';
import type { Connections } from './environments/connections';
import type { Environments } from './environments/environments';
import type { Emit } from './events';

export interface AppStatusDeps {
  environments: Environments;
  connections: Connections;
  /** Why the cache cannot be used, or null. */
  cacheProblem: () => AppError | null;
  clock: Clock;
  emit: Emit;
  name: string;
  version: string;
  host: AppInfo['host'];
}

/** A last-success time that is all that changed is sent at most this often (a bulk refresh succeeds many times a second). */
const QUIET_MS = 5_000;

/**
 * `app:info` and the `app:status` event: the selected environment, whether its API is reachable, and
 * when a call last succeeded there. Sent at once when the environment or online state changes.
 */
export class AppStatus {
  private last: AppInfo | undefined;
  private lastSentAt = 0;

  /** Follows the events that change what it shows: a switch, an edit or removal, the selected API's reachability. */
  constructor(private readonly deps: AppStatusDeps) {
    deps.environments.onChange(() => this.changed());
    deps.connections.onStatus((id) => {
      if (id === deps.environments.selectedId) this.changed();
    });
  }

  info(): AppInfo {
    const selected = this.deps.environments.find(this.deps.environments.selectedId);
    const status = this.deps.connections.status(selected.id);
    return {
      name: this.deps.name,
      version: this.deps.version,
      environment: { id: selected.id, name: selected.name, kind: selected.kind, baseUrl: selected.baseUrl },
      online: status.online,
      lastSuccessAt: status.lastSuccessAt,
      host: this.deps.host,
      cacheProblem: this.deps.cacheProblem(),
    };
  }

  /** Sends `app:status` if what the renderer shows has changed. */
  changed(): void {
    const next = this.info();
    const before = this.last;
    const now = this.deps.clock.now();
    const onlyLastSuccess =
      before !== undefined &&
      before.environment.id === next.environment.id &&
      before.environment.name === next.environment.name &&
      before.environment.baseUrl === next.environment.baseUrl &&
      before.online === next.online &&
      before.cacheProblem?.code === next.cacheProblem?.code;
    if (onlyLastSuccess && (before.lastSuccessAt === next.lastSuccessAt || now - this.lastSentAt < QUIET_MS)) return;
    this.last = next;
    this.lastSentAt = now;
    this.deps.emit('app:status', next);
  }
}
