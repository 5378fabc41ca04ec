import type { AppInfo } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { api } from './api';
import { formatDateTime } from './format';

/** The console's connection to the API as the core reports it: the header, banner and forms read it. */
class ConsoleStatus {
  info = $state<AppInfo | null>(null);
  error = $state<AppError | null>(null);
  /** True while the core switches environment: the picker waits for it. */
  switching = $state(false);

  online = $derived(this.info?.online ?? false);
  /** The environment the core works in now: every environment-scoped screen compares its own to it. */
  environmentId = $derived(this.info?.environment.id ?? null);

  /** Why editing is disabled, in words, or null when edits can be sent. */
  editBlockedReason = $derived.by(() => {
    if (!this.info) return 'The console is still starting.';
    if (this.info.online) return null;
    return `Changes need the Connect API of ${this.info.environment.name}, which cannot be reached right now. Try again when the console is back online.`;
  });

  cachedSince = $derived(this.info?.lastSuccessAt ? formatDateTime(this.info.lastSuccessAt) : null);

  /** Switches the core to another environment; its answer is the new state, ahead of the `app:status` event. */
  async select(id: string): Promise<AppError | null> {
    this.switching = true;
    const result = await api.call('environments:select', { id });
    this.switching = false;
    if (!result.ok) return result.error;
    this.update(result.value);
    return null;
  }

  private update(info: AppInfo): void {
    this.info = info;
    this.error = null;
  }

  /** Loads the current state and follows `app:status`; returns the unsubscribe. */
  start(): () => void {
    void api.call('app:info', undefined).then((result) => {
      if (result.ok) this.info = result.value;
      else this.error = result.error;
    });
    return api.on('app:status', (next) => this.update(next));
  }
}

export const consoleStatus = new ConsoleStatus();
