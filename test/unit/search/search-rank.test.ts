import { describe, expect, it } from 'vitest';
import type { SummaryRow } from '../../../electron/core/store/order-row';
import { matchScore, rankRows } from '../../../electron/core/search/search-rank';
import { parseSearchText } from '../../../electron/core/store/search-text';

let nextId = 1;
function row(values: Partial<SummaryRow>): SummaryRow {
  return {
    id: nextId++,
    order_id: `ORD-${nextId}`,
    user_id: null,
    status: 'brand_new',
    store_location: null,
    window_starts_at: null,
    window_ends_at: null,
    window_start_ms: null,
    first_name: null,
    last_name: null,
    phone: null,
    phone_digits: null,
    address_line_1: null,
    postal_code: null,
    bag_label: null,
    fetched_ms: 0,
    ...values,
  };
}

describe('ranking search results', () => {
  it('scores a whole word above a prefix, and a last name above a street', () => {
    const text = parseSearchText('park');
    const whole = matchScore(row({ last_name: 'Park' }), text);
    const prefix = matchScore(row({ last_name: 'Parker' }), text);
    const street = matchScore(row({ address_line_1: '12 Park Ave' }), text);
    expect(whole).toBeGreaterThan(prefix);
    expect(whole).toBeGreaterThan(street);
    expect(matchScore(row({ last_name: 'Smith' }), text)).toBe(0);
  });

  it('scores a phone typed with separators as a full match of its digits', () => {
    const text = parseSearchText('(800) 555-0101');
    expect(matchScore(row({ phone_digits: '18005550101 8005550101' }), text)).toBeGreaterThan(
      matchScore(row({ phone_digits: '18005550199 8005550199', address_line_1: '800 555 Rd' }), text),
    );
  });

  it('puts the exact id first, then the best match, then the nearest window, then the newest', () => {
    const now = 1_000_000;
    const exact = row({ order_id: 'Park', window_start_ms: now + 9e6 });
    const near = row({ last_name: 'Park', window_start_ms: now - 1000 });
    const far = row({ last_name: 'Park', window_start_ms: now + 5000 });
    const noWindow = row({ last_name: 'Park' });
    const weaker = row({ last_name: 'Parkinson', window_start_ms: now });
    const older = row({ id: 0, last_name: 'Park' });
    const ranked = rankRows([weaker, older, noWindow, far, near, exact], parseSearchText('Park'), now);
    expect(ranked).toEqual([exact, near, far, noWindow, older, weaker]);
  });
});
