import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import VirtualListHarness from './VirtualListHarness.svelte';

afterEach(cleanup);

describe('VirtualList', () => {
  it('renders a window of rows, not all of them, with their position for screen readers', () => {
    render(VirtualListHarness, { props: { count: 100_000, picked: [] } });
    const options = screen.getAllByRole('option');
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThan(50);
    expect(options[0]!.getAttribute('aria-setsize')).toBe('100000');
    expect(options[0]!.textContent).toBe('row 0');
  });

  it('moves the highlighted row with the arrow keys and opens it with Enter', async () => {
    const picked: number[] = [];
    render(VirtualListHarness, { props: { count: 100_000, picked } });
    const list = screen.getByRole('listbox');
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp']) await fireEvent.keyDown(list, { key });
    expect(list.getAttribute('aria-activedescendant')).toBe('row-1');
    expect(document.getElementById('row-1')?.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(list, { key: 'Enter' });
    expect(picked).toEqual([1]);
  });

  it('opens a row on click', async () => {
    const picked: number[] = [];
    render(VirtualListHarness, { props: { count: 10, picked } });
    await fireEvent.click(screen.getByText('row 3'));
    expect(picked).toEqual([3]);
  });
});
