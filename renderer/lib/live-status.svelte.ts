import type { DesktopNotice } from '../../shared/contract';
import { api, isBrowserHost } from './api';
import { router } from './router.svelte';

const key = (environmentId: string, orderId: string) => `${environmentId}\u0000${orderId}`;

/**
 * What the watcher learned, for every screen: each order's latest status (badges update in place),
 * the "Needs attention" count per environment, and, in the browser host, the desktop notices (the
 * Electron shell shows its own from the main process).
 */
class LiveStatus {
  #statuses = $state<Record<string, string>>({});
  #counts = $state<Record<string, number>>({});
  /** Bumped on every attention change, so an open list reloads. */
  attentionVersion = $state(0);

  statusOf(environmentId: string, orderId: string): string | undefined {
    return this.#statuses[key(environmentId, orderId)];
  }

  /** A screen loaded the order itself: what it shows is at least as new as what the watcher said. */
  forget(environmentId: string, orderId: string): void {
    delete this.#statuses[key(environmentId, orderId)];
  }

  attentionCount(environmentId: string | null): number | undefined {
    return environmentId === null ? undefined : this.#counts[environmentId];
  }

  setCount(environmentId: string, total: number): void {
    this.#counts[environmentId] = total;
  }

  /** Follows the core's events; returns the unsubscribe. */
  start(): () => void {
    const stops = [
      api.on('watch:order', ({ environmentId, orderId, status }) => {
        this.#statuses[key(environmentId, orderId)] = status;
      }),
      api.on('attention:changed', ({ environmentId, total }) => {
        this.#counts[environmentId] = total;
        this.attentionVersion++;
      }),
      ...(isBrowserHost ? [api.on('watch:notice', showWebNotice)] : []),
    ];
    return () => stops.forEach((stop) => stop());
  }

  /** Loads the count of an environment the screens work in. */
  async loadCount(environmentId: string): Promise<void> {
    const result = await api.call('attention:list', { environmentId });
    if (result.ok) this.#counts[environmentId] = result.value.total;
  }
}

function showWebNotice(notice: DesktopNotice): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const shown = new Notification(notice.title, { body: notice.body, tag: 'lastmile-live-status' });
  shown.onclick = () => {
    window.focus();
    router.go({ name: 'order', environmentId: notice.environmentId, orderId: notice.orderId });
    shown.close();
  };
}

/** Asks the browser to show notices (it asks only after a click, so the setting's toggle does). */
export async function allowWebNotices(): Promise<void> {
  if (isBrowserHost && typeof Notification !== 'undefined' && Notification.permission === 'default') {
    await Notification.requestPermission();
  }
}

export const liveStatus = new LiveStatus();
