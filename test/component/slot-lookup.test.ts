import { describe, expect, it } from 'vitest';
import type { ServiceOption } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { ok } from '../../shared/result';
import { SlotLookup } from '../../renderer/lib/slot-lookup.svelte';
import { serviceOption } from './fixtures';

const query = (postal_code: string) => ({
  userId: 'user-1',
  locationCode: 'store-1',
  address_line_1: '1 Market Street',
  postal_code,
});

describe('the one delivery-time lookup', () => {
  it('drops an answer that arrives after a later question was asked', async () => {
    const waiting: ((answer: Result<ServiceOption[]>) => void)[] = [];
    const lookup = new SlotLookup(() => new Promise((resolve) => waiting.push(resolve)));
    const first = lookup.find(query('94105'));
    const second = lookup.find(query('94107'));
    waiting[1]!(ok([serviceOption(2, 16)]));
    expect(await second).toBe(true);
    waiting[0]!(ok([serviceOption(1, 14)]));
    expect(await first).toBe(false);
    expect(lookup.options?.map((option) => option.id)).toEqual([2]);
    expect(lookup.finding).toBe(false);
  });

  it('says what is missing without asking the API', async () => {
    let asked = 0;
    const lookup = new SlotLookup(async () => (asked++, ok([])));
    expect(await lookup.find({ ...query(''), userId: '' })).toBe(false);
    expect(asked).toBe(0);
    expect(lookup.error?.details?.map((problem) => problem.key)).toEqual(['userId', 'address.postal_code']);
  });
});
