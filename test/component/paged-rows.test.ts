import { describe, expect, it } from 'vitest';
import type { Page } from '../../renderer/lib/paged-rows.svelte';
import { PagedRows } from '../../renderer/lib/paged-rows.svelte';
import type { Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';

/** A fetcher whose answers the test releases one by one, in any order. */
function controlled() {
  const pending: { offset: number; limit: number; resolve: (result: Result<Page<number>>) => void }[] = [];
  const fetch = (offset: number, limit: number) =>
    new Promise<Result<Page<number>>>((resolve) => pending.push({ offset, limit, resolve }));
  return { pending, fetch };
}

const rows = (offset: number, n: number) => Array.from({ length: n }, (_, i) => offset + i);
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PagedRows', () => {
  it('drops the answer to an older query that arrives after a newer one', async () => {
    const paged = new PagedRows<number>(10);
    const older = controlled();
    const newer = controlled();
    const first = paged.reset(older.fetch);
    const second = paged.reset(newer.fetch);
    newer.pending[0]!.resolve(ok({ rows: [7], total: 1, capped: false }));
    await second;
    older.pending[0]!.resolve(ok({ rows: rows(0, 10), total: 500, capped: false }));
    await first;
    expect(paged.count).toBe(1);
    expect(paged.row(0)).toBe(7);
  });

  it('fetches only the pages a visible range needs, once each', async () => {
    const paged = new PagedRows<number>(10);
    const source = controlled();
    const started = paged.reset(source.fetch);
    source.pending[0]!.resolve(ok({ rows: rows(0, 10), total: 100, capped: false }));
    await started;
    paged.ensure(25, 42);
    paged.ensure(30, 40);
    expect(source.pending.map((call) => call.offset)).toEqual([0, 20, 30, 40]);
    source.pending[2]!.resolve(ok({ rows: rows(30, 10), total: 100, capped: false }));
    await tick();
    expect(paged.row(35)).toBe(35);
    expect(paged.row(25)).toBeUndefined();
  });

  it('lets a capped count grow as the list scrolls past it', async () => {
    const paged = new PagedRows<number>(10);
    const source = controlled();
    const started = paged.reset(source.fetch);
    source.pending[0]!.resolve(ok({ rows: rows(0, 10), total: 20, capped: true }));
    await started;
    expect(paged.count).toBe(20);
    paged.ensure(10, 20);
    source.pending[1]!.resolve(ok({ rows: rows(10, 10), total: 20, capped: true }));
    await tick();
    expect(paged.count).toBe(30);
  });

  it('keeps the error of a failed query and shows no rows', async () => {
    const paged = new PagedRows<number>(10);
    await paged.reset(async () => fail({ code: 'not_available', message: 'Search is not available.' }));
    expect(paged.count).toBe(0);
    expect(paged.error?.message).toBe('Search is not available.');
  });
});
