import { SvelteMap } from 'svelte/reactivity';
import type { AppError, Result } from '../../shared/result';

export interface Page<T> {
  rows: T[];
  total: number;
  /** The total is a lower bound: counting stopped at a cap. */
  capped: boolean;
  tookMs?: number;
}

export type PageFetcher<T> = (offset: number, limit: number) => Promise<Result<Page<T>>>;

/**
 * Rows of a long result fetched a page at a time as a list scrolls to them. A new query starts a new
 * generation: answers to an older query are dropped, so a slow response never overwrites a newer one.
 */
export class PagedRows<T> {
  count = $state(0);
  capped = $state(false);
  tookMs = $state<number | null>(null);
  /** True while the first page of the current query is on its way. */
  loading = $state(false);
  error = $state<AppError | null>(null);

  readonly #pageSize: number;
  readonly #pages = new SvelteMap<number, T[]>();
  /** Pages on their way: bookkeeping only, nothing renders from it. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- deliberately not reactive
  #pending = new Set<number>();
  #generation = 0;
  #fetch: PageFetcher<T> | null = null;

  constructor(pageSize = 100) {
    this.#pageSize = pageSize;
  }

  /** Starts a new query; resolves when its first page has arrived or it was superseded. */
  async reset(fetchPage: PageFetcher<T>): Promise<void> {
    const generation = ++this.#generation;
    this.#fetch = fetchPage;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- deliberately not reactive
    this.#pending = new Set([0]);
    this.loading = true;
    const result = await fetchPage(0, this.#pageSize);
    if (generation !== this.#generation) return;
    this.#pending.delete(0);
    this.#pages.clear();
    this.loading = false;
    if (!result.ok) {
      this.error = result.error;
      this.count = 0;
      return;
    }
    this.error = null;
    this.#accept(0, result.value);
  }

  /** Makes sure rows [start, end) are loaded or on their way. */
  ensure(start: number, end: number): void {
    if (!this.#fetch || end <= start) return;
    const first = Math.floor(start / this.#pageSize);
    const last = Math.floor((end - 1) / this.#pageSize);
    for (let page = first; page <= last; page++) {
      if (!this.#pages.has(page) && !this.#pending.has(page)) void this.#load(page, this.#fetch);
    }
  }

  row(index: number): T | undefined {
    return this.#pages.get(Math.floor(index / this.#pageSize))?.[index % this.#pageSize];
  }

  async #load(page: number, fetchPage: PageFetcher<T>): Promise<void> {
    const generation = this.#generation;
    const pending = this.#pending;
    pending.add(page);
    const result = await fetchPage(page * this.#pageSize, this.#pageSize);
    pending.delete(page);
    if (generation !== this.#generation) return;
    if (result.ok) this.#accept(page, result.value);
    else this.error = result.error;
  }

  #accept(page: number, value: Page<T>): void {
    this.#pages.set(page, value.rows);
    const seen = page * this.#pageSize + value.rows.length;
    // A capped count is only a floor: a full page at the end means there is more to scroll to.
    const more = value.capped && value.rows.length === this.#pageSize ? this.#pageSize : 0;
    this.count = Math.max(page === 0 ? value.total : this.count, seen + more);
    this.capped = value.capped;
    if (page === 0) this.tookMs = value.tookMs ?? null;
  }
}
