import { cleanup, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LastmileBridge } from '../../renderer/lib/api';
import type { Result } from '../../shared/result';

/**
 * The core's answers come back in any order: a component that asked for one order (or environment) and
 * was then moved on to another must keep the answer for the one it shows. The bridge here is the
 * preload's shape, with each answer released by the test.
 */
interface Asked {
  name: string;
  input: unknown;
  answer: (value: unknown) => void;
}
const asked: Asked[] = [];

beforeAll(() => {
  const invoke = new Proxy(
    {},
    {
      get: (_target, name: string) => (input: unknown) =>
        new Promise<Result<unknown>>((resolve) => {
          asked.push({ name, input, answer: (value) => resolve({ ok: true, value }) });
        }),
    },
  );
  const on = new Proxy({}, { get: () => () => () => undefined });
  window.lastmile = { host: 'electron', invoke, on } as unknown as LastmileBridge;
});
afterEach(() => {
  cleanup();
  asked.length = 0;
});

const settle = async () => {
  await Promise.resolve();
  await tick();
};

describe('components asking the core, answered out of order', () => {
  it('the watch button keeps the state of the order it now shows, not of the one before', async () => {
    const { default: WatchToggle } = await import('../../renderer/components/WatchToggle.svelte');
    const shown = render(WatchToggle, { props: { environmentId: 'sandbox', orderId: 'ORD-1' } });
    await shown.rerender({ environmentId: 'sandbox', orderId: 'ORD-2' });
    await settle();
    const [first, second] = asked;
    expect([first?.input, second?.input]).toEqual([
      { environmentId: 'sandbox', orderId: 'ORD-1' },
      { environmentId: 'sandbox', orderId: 'ORD-2' },
    ]);
    second!.answer({ watched: false });
    await settle();
    first!.answer({ watched: true });
    await settle();
    expect(screen.getByRole('button').textContent).toBe('Watch');
    expect(screen.getByRole('button').getAttribute('aria-pressed')).toBe('false');
  });

  it('the last-import line shows the environment it now shows', async () => {
    const { default: LastImportLine } = await import('../../renderer/components/import/LastImportLine.svelte');
    const shown = render(LastImportLine, { props: { environmentId: 'sandbox' } });
    await shown.rerender({ environmentId: 'production' });
    await settle();
    const [first, second] = asked;
    second!.answer(null);
    await settle();
    first!.answer({
      jobId: 'job-1',
      environmentId: 'sandbox',
      fileName: 'sandbox-export.csv',
      updatedAt: '2026-12-01T08:00:00.000Z',
      counts: { created: 1, changed: 0, unchanged: 0, refused: 0, notFound: 0 },
    });
    await settle();
    expect(screen.queryByTestId('last-import')).toBeNull();
  });
});
