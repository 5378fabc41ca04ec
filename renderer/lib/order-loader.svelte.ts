import type { OrderDetail } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { api } from './api';

/** One order as the screens about it need it: loaded from the cache, refreshed from the API on demand. */
export class OrderLoader {
  detail = $state<OrderDetail | null>(null);
  error = $state<AppError | null>(null);
  loading = $state(false);
  refreshing = $state(false);
  /** Set when a refresh brought the API's answer, so the screen can say it did. */
  refreshedAt = $state<string | null>(null);
  #orderId = '';

  async load(environmentId: string, orderId: string, refresh = false): Promise<void> {
    this.#orderId = orderId;
    this.refreshedAt = null;
    if (refresh) this.refreshing = true;
    else this.loading = true;
    const result = await api.call('orders:get', { environmentId, orderId, refresh });
    if (orderId !== this.#orderId) return;
    this.loading = false;
    this.refreshing = false;
    if (result.ok) {
      this.detail = result.value;
      this.error = null;
      if (refresh && !result.value.fromCache) this.refreshedAt = result.value.order.fetchedAt;
    } else {
      this.error = result.error;
    }
  }

  /** After a change: the API's answer replaces what was shown. */
  replace(detail: OrderDetail): void {
    this.detail = detail;
    this.error = null;
  }
}
