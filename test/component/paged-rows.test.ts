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
/** Longer than the list waits for scrolling to pause. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 120));

async function started(total: number, capped = false) {
  const paged = new PagedRows<number>(10);
  const source = controlled();
  const first = paged.reset(source.fetch);
  source.pending[0]!.resolve(ok({ rows: rows(0, 10), total, capped }));
  await first;
  return { paged, source };
}

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

  it('fetches the pages of the range in view once scrolling pauses, once each, two at a time', async () => {
    const { paged, source } = await started(100);
    paged.ensure(25, 42);
    expect(source.pending).toHaveLength(1);
    await settle();
    expect(source.pending.map((call) => call.offset)).toEqual([0, 20, 30]);
    source.pending[2]!.resolve(ok({ rows: rows(30, 10), total: 100, capped: false }));
    await settle();
    expect(paged.row(35)).toBe(35);
    expect(paged.row(25)).toBeUndefined();
    expect(source.pending.map((call) => call.offset)).toEqual([0, 20, 30, 40]);
  });

  it('asks nothing for the ranges a fast scroll passes through', async () => {
    const { paged, source } = await started(100_000);
    for (let start = 0; start < 90_000; start += 700) paged.ensure(start, start + 30);
    paged.ensure(99_970, 100_000);
    await settle();
    expect(source.pending.map((call) => call.offset)).toEqual([0, 99_970, 99_980]);
  });

  it('lets a capped count grow as the list scrolls past it', async () => {
    const { paged, source } = await started(20, true);
    expect(paged.count).toBe(20);
    paged.ensure(10, 20);
    await settle();
    source.pending[1]!.resolve(ok({ rows: rows(10, 10), total: 20, capped: true }));
    await settle();
    expect(paged.count).toBe(30);
  });

  it('keeps the error of a failed query and shows no rows', async () => {
    const paged = new PagedRows<number>(10);
    await paged.reset(async () => fail({ code: 'not_available', message: 'Search is not available.' }));
    expect(paged.count).toBe(0);
    expect(paged.error?.message).toBe('Search is not available.');
  });
});
