import { describe, expect, it } from 'vitest';
import { knownProblem, leaveOutKnown, previewScanned } from '../../../electron/core/staging/staging-preview';
import { MAX_EXCLUDED_ORDERS } from '../../../shared/limits';
import {
  ALREADY_DELIVERED,
  ALREADY_DELIVERING,
  doneResult,
  STAGED_BEFORE,
  STAGED_BY_THIS_JOB,
} from '../../../shared/staging-notes';
import { retryBlocker } from '../../../shared/staging-retry';

const known = (statuses: Record<string, string>, refused: Record<string, string> = {}) => ({
  statuses: new Map(Object.entries(statuses)),
  refused: new Map(Object.entries(refused)),
});

describe('what the cache knows, in the preview', () => {
  it('leaves out delivered, out for delivery, staged, canceled and refused orders, each with its row', () => {
    const rows = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((orderId, index) => ({ orderId, line: index + 2 }));
    const preview = leaveOutKnown(
      { rows, errors: [], excluded: [] },
      known(
        { A: 'delivered', B: 'delivering', C: 'staged', D: 'canceled', E: 'brand_new', F: 'acknowledged' },
        { F: 'Instacart would not stage order F (its status is acknowledged).' },
      ),
    );
    expect(preview.rows.map((row) => row.orderId)).toEqual(['E', 'G']);
    expect(preview.excluded.map((order) => [order.orderId, order.reason.split(',')[0]])).toEqual([
      ['A', 'Already delivered'],
      ['B', 'Already out for delivery'],
      ['C', 'Already staged'],
      ['D', 'Canceled'],
      ['F', 'Not a dispatch order'],
    ]);
    expect(preview.excluded[0]?.row).toEqual({ orderId: 'A', line: 2 });
  });

  it('caps the list and counts the rest by kind', () => {
    const rows = Array.from({ length: MAX_EXCLUDED_ORDERS + 5 }, (_, i) => ({ orderId: `D${i}` }));
    const statuses = Object.fromEntries(rows.map((row) => [row.orderId, 'delivered']));
    const preview = leaveOutKnown({ rows, errors: [], excluded: [] }, known(statuses));
    expect(preview.excluded).toHaveLength(MAX_EXCLUDED_ORDERS + 1);
    expect(preview.excluded.at(-1)).toMatchObject({ orderId: '', omitted: 5 });
    expect(preview.excluded.at(-1)?.reason).toContain('Already delivered');
  });

  it('an order the cache does not know, or may still stage, is kept', () => {
    expect(knownProblem('X', known({}))).toBeNull();
    expect(knownProblem('X', known({ X: 'rescheduled' }))).toBeNull();
  });

  it('scanned orders carry the bags scanned', () => {
    const preview = previewScanned(
      [
        { orderId: 'A', bags_count: 2 },
        { orderId: 'B', bags_count: 1 },
      ],
      { items_count: 3, bags_count: 9 },
    );
    expect(preview.rows).toEqual([
      { orderId: 'A', line: 1, bags_count: 2, items_count: 3 },
      { orderId: 'B', line: 2, bags_count: 1, items_count: 3 },
    ]);
  });
});

describe('which failures a retry may fix', () => {
  it('retries waits, outages and unknowns; not refusals sending again cannot change', () => {
    for (const code of ['api_busy', 'rate_limited', 'network', 'server_error', 'stage_unknown', 'locked']) {
      expect(retryBlocker({ code, message: 'x' })).toBeNull();
    }
    expect(retryBlocker({ code: 'not_stageable', message: 'Order A was canceled.' })).toBe('Order A was canceled.');
    expect(retryBlocker({ code: 'not_found', message: 'x' })).toMatch(/no such order/);
    expect(retryBlocker({ code: 'api_validation', message: 'x' })).toMatch(/refused the values/);
  });
});

describe('the result of an order found staged or later', () => {
  it('is "staged" when this job staged it, else how far it had gone before the job', () => {
    expect(doneResult(null)).toBe('staged');
    expect(doneResult(STAGED_BY_THIS_JOB)).toBe('staged');
    expect(doneResult(STAGED_BEFORE)).toBe('already staged');
    expect(doneResult(ALREADY_DELIVERING)).toBe('already out for delivery');
    expect(doneResult(ALREADY_DELIVERED)).toBe('already delivered');
  });
});
