import type { AppError } from '../../shared/result';
import { environments } from './environments.svelte';
import { router } from './router.svelte';
import { staging } from './staging-screen.svelte';
import { consoleStatus } from './status.svelte';

/** A switch waiting for the user to agree to lose the work named. */
export interface PendingSwitch {
  to: string;
  toName: string;
  question: string;
}

/** What a switch away from the current environment would throw away, in words. */
function workAtRisk(current: string): string[] {
  const name = environments.nameOf(current);
  const work = staging.workAt(current, name);
  const route = router.route;
  if (route.name === 'edit-order' && route.environmentId === current) {
    work.push(`the open edit of order ${route.orderId} in ${name}`);
  }
  if (route.name === 'create') work.push(`the new order form of ${name}`);
  return work;
}

/**
 * Switching the environment from the header or a screen: asks first, in the page, when work of the
 * current environment would be lost; the screens reset what belonged to the old one once the core
 * reports the new one.
 */
class EnvironmentSwitch {
  pending = $state<PendingSwitch | null>(null);
  error = $state<AppError | null>(null);

  async request(to: string): Promise<void> {
    const current = consoleStatus.environmentId;
    this.error = null;
    if (current === null || to === current) return;
    const work = workAtRisk(current);
    if (work.length === 0) return this.go(to);
    const list = work.join(' and ');
    this.pending = {
      to,
      toName: environments.nameOf(to),
      question: `Discard ${list}?`,
    };
  }

  async confirm(): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    if (pending) await this.go(pending.to);
  }

  cancel(): void {
    this.pending = null;
  }

  private async go(to: string): Promise<void> {
    this.error = await consoleStatus.select(to);
  }
}

export const environmentSwitch = new EnvironmentSwitch();
