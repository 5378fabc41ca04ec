import type { OrderSummary, SearchFilters } from '../../shared/contract';
import type { OrderStatus } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { ok } from '../../shared/result';
import { api } from './api';
import { isoInstant, localDayRange } from '../../shared/zoned-time';
import { PagedRows } from './paged-rows.svelte';

export interface SearchForm {
  text: string;
  statuses: OrderStatus[];
  /** One store location code, or '' for all. */
  store: string;
  /** Store-local dates (YYYY-MM-DD) bounding the window start, both included; '' for open. */
  from: string;
  to: string;
  /** Only orders fetched longer ago than this; 0 for any. */
  staleMinutes: number;
}

export function emptySearchForm(): SearchForm {
  return { text: '', statuses: [], store: '', from: '', to: '', staleMinutes: 0 };
}

/** The filters of a form; its dates are days in `zone` (the chosen store's, else the environment's). */
export function filtersOf(form: SearchForm, zone: string): SearchFilters {
  const filters: SearchFilters = { text: form.text.trim() };
  if (form.statuses.length) filters.statuses = [...form.statuses];
  if (form.store) filters.storeLocations = [form.store];
  const from = localDayRange(form.from, zone);
  const to = localDayRange(form.to, zone);
  if (from) filters.windowFrom = isoInstant(from.from);
  if (to) filters.windowTo = isoInstant(to.to);
  if (form.staleMinutes > 0) filters.staleMinutes = form.staleMinutes;
  return filters;
}

/** The query of the results on screen: the environment they are from and the filters. */
export function searchKey(environmentId: string, form: SearchForm, zone: string): string {
  return JSON.stringify({ environmentId, filters: filtersOf(form, zone) });
}

/**
 * The search screen's state, kept while the user opens an order and comes back. Results and stores
 * belong to one environment; `forget` drops them when another is selected.
 */
class SearchState {
  form = $state<SearchForm>(emptySearchForm());
  results = new PagedRows<OrderSummary>(100);
  activeIndex = $state(-1);
  /** An order was opened from the results: coming back puts focus on its row rather than the box. */
  returnToRow = false;
  stores = $state<string[]>([]);
  /** The environment of the results and stores on screen. */
  environmentId = $state<string | null>(null);
  /** The key (environment and filters) of the results on screen, so returning does not search again. */
  shownKey = $state<string | null>(null);
  /** The key whose first page is on screen (shownKey may still be on its way). */
  answeredKey = $state<string | null>(null);

  /**
   * Asks again for the results on screen (other consoles' changes arrived), keeping the highlighted row on
   * the same order while it is still on the first page, so someone moving through the list is not sent back.
   */
  async refresh(key: string): Promise<void> {
    const active = this.results.row(this.activeIndex)?.orderId;
    await this.run(key);
    if (active === undefined || this.shownKey !== key) return;
    for (let index = 0; index < this.results.count; index++) {
      const row = this.results.row(index);
      if (!row) break;
      if (row.orderId === active) {
        this.activeIndex = index;
        return;
      }
    }
  }

  async run(key: string): Promise<void> {
    const { environmentId, filters } = JSON.parse(key) as { environmentId: string; filters: SearchFilters };
    this.shownKey = key;
    this.environmentId = environmentId;
    await this.results.reset(async (offset, limit) => {
      const result = await api.call('orders:search', { environmentId, ...filters, offset, limit });
      if (!result.ok) return result;
      const { rows, total, totalIsCapped, tookMs } = result.value;
      return ok({ rows, total, capped: totalIsCapped, tookMs });
    });
    if (this.shownKey !== key) return;
    this.answeredKey = key;
    this.activeIndex = this.results.count > 0 ? 0 : -1;
  }

  async loadStores(environmentId: string): Promise<AppError | null> {
    const result = await api.call('orders:stores', { environmentId });
    if (!result.ok) return result.error;
    if (environmentId === this.environmentId || this.environmentId === null) {
      this.environmentId = environmentId;
      this.stores = result.value;
    }
    return null;
  }

  /** Another environment is selected: what was found in this one no longer applies. */
  forget(current: string): void {
    if (this.environmentId === null || this.environmentId === current) return;
    this.environmentId = current;
    this.shownKey = null;
    this.answeredKey = null;
    this.stores = [];
    this.activeIndex = -1;
    void this.results.reset(async () => ok({ rows: [], total: 0, capped: false, tookMs: 0 }));
  }
}

export const search = new SearchState();
