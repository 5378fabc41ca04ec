import type { EnvironmentView } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { api } from './api';
import { consoleStatus } from './status.svelte';

/** The configured environments, shared by the header's picker and the Environments screen. */
class Environments {
  list = $state<EnvironmentView[]>([]);
  error = $state<AppError | null>(null);
  /** As listed; the core's status, which follows every switch, is the newer word once it has come. */
  private listedSelectedId = $state<string | null>(null);
  selectedId = $derived(consoleStatus.environmentId ?? this.listedSelectedId);

  async reload(): Promise<void> {
    const result = await api.call('environments:list', undefined);
    if (result.ok) {
      this.list = result.value.environments;
      this.listedSelectedId = result.value.selectedId;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }

  /** An environment's name for the screen; its id is internal and never shown. */
  nameOf(id: string): string {
    const known = this.list.find((environment) => environment.id === id)?.name;
    if (known) return known;
    if (consoleStatus.info?.environment.id === id) return consoleStatus.info.environment.name;
    return 'a removed environment';
  }
}

export const environments = new Environments();
