import type { EnvironmentView } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { api } from './api';
import { consoleStatus } from './status.svelte';

/** The configured environments, shared by the header's picker and the Environments screen. */
class Environments {
  list = $state<EnvironmentView[]>([]);
  selectedId = $state<string | null>(null);
  error = $state<AppError | null>(null);
  switching = $state(false);

  async reload(): Promise<void> {
    const result = await api.call('environments:list', undefined);
    if (result.ok) {
      this.list = result.value.environments;
      this.selectedId = result.value.selectedId;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }

  async select(id: string): Promise<AppError | null> {
    this.switching = true;
    const result = await api.call('environments:select', { id });
    this.switching = false;
    if (!result.ok) return result.error;
    this.selectedId = id;
    consoleStatus.update(result.value);
    return null;
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
