import { describe, expect, it } from 'vitest';
import { href, parseHash } from '../../renderer/lib/router.svelte';

describe('order routes', () => {
  it('carry the environment, and read back what they wrote, odd ids included', () => {
    for (const name of ['order', 'edit-order'] as const) {
      const route = { name, environmentId: 'custom-1a2b', orderId: 'A/1 #2' };
      expect(parseHash(href(route))).toEqual(route);
    }
    expect(href({ name: 'edit-order', environmentId: 'sandbox', orderId: 'X1' })).toBe('#/order/sandbox/X1/edit');
    // The window's former form: an old link opens the one edit form.
    expect(parseHash('#/order/sandbox/X1/window')).toEqual({
      name: 'edit-order',
      environmentId: 'sandbox',
      orderId: 'X1',
    });
  });

  it('an order address without its environment opens search rather than guessing one', () => {
    expect(parseHash('#/order/X1')).toEqual({ name: 'search' });
  });
});
