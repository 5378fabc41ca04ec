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

/** How long the visible range must stay put before its pages are fetched: a fast scroll asks for nothing. */
const SETTLE_MS = 50;
/** Page requests on their way at once; the core answers them one after another anyway. */
const MAX_IN_FLIGHT = 2;

/**
 * Rows of a long result fetched a page at a time as a list scrolls to them. Only the pages of the
 * range in view when scrolling pauses are fetched, so flinging through 100,000 rows costs a request
 * or two, not one per page passed. A new query starts a new generation: answers to an older query
 * are dropped, so a slow response never overwrites a newer one.
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
  #wanted = { start: 0, end: 0 };
  #timer: ReturnType<typeof setTimeout> | undefined;

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
    this.#pump();
  }

  /** Rows [start, end) are on screen: fetch their pages once the range stays put for a moment. */
  ensure(start: number, end: number): void {
    this.#wanted = { start, end };
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#pump(), SETTLE_MS);
  }

  row(index: number): T | undefined {
    return this.#pages.get(Math.floor(index / this.#pageSize))?.[index % this.#pageSize];
  }

  /** Starts requests for the missing pages of the wanted range, a few at a time. */
  #pump(): void {
    const fetchPage = this.#fetch;
    const { start, end } = this.#wanted;
    if (!fetchPage || end <= start) return;
    const last = Math.floor((Math.min(end, Math.max(this.count, 1)) - 1) / this.#pageSize);
    for (let page = Math.floor(start / this.#pageSize); page <= last; page++) {
      if (this.#pending.size >= MAX_IN_FLIGHT) return;
      if (!this.#pages.has(page) && !this.#pending.has(page)) void this.#load(page, fetchPage);
    }
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
    this.#pump();
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
