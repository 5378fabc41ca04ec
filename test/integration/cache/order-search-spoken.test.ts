import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../../shared/contract';
import { searchQuery } from '../../../shared/contract';
import { apiOrder, createRequest, openTestCache } from './cache-fixture';

/** Orders the console created, searched the way an agent hears them on the phone. */
describe('search hears what people say', () => {
  let cache: ReturnType<typeof openTestCache>;
  const ids = (text: string) =>
    cache.search.search('sandbox', searchQuery.parse({ text } satisfies SearchQuery)).rows.map((row) => row.orderId);

  beforeAll(() => {
    cache = openTestCache();
    const create = (id: string, phone: string, street: string) =>
      cache.orders.recordApiOrder('sandbox', apiOrder(id), {
        source: 'create',
        known: createRequest({ user_phone: phone, address: { address_line_1: street, postal_code: '94110' } }),
      });
    create('LM0001234', '+14155550123', '123 Valencia St');
    create('LM0004321', '+15105559876', '77 Grand Avenue');
    create('LM0000123', '+16505551234', '9 Skyline Dr');
  });
  afterAll(() => cache.remove());

  it('finds a phone by its last four or seven digits, as well as from its start', () => {
    for (const typed of ['0123', '555-0123', '5550123', '555 0123', '(415) 555-0123', '415555']) {
      expect(ids(typed), typed).toEqual(['LM0001234']);
    }
    expect(ids('9876')).toEqual(['LM0004321']);
  });

  it('finds a street written with its suffix in full or abbreviated, either way', () => {
    for (const typed of ['Valencia Street', 'Valencia St', 'valencia st.', 'Valencia Str', 'Valencia Stre']) {
      expect(ids(typed), typed).toEqual(['LM0001234']);
    }
    for (const typed of ['Grand Ave', 'Grand Av', 'grand avenue', '77 grand ave']) {
      expect(ids(typed), typed).toEqual(['LM0004321']);
    }
    expect(ids('Skyline Drive')).toEqual(['LM0000123']);
  });

  it('finds an order id by its number, with or without the leading zeros', () => {
    expect(ids('0001234')[0]).toBe('LM0001234');
    // 1234 is also the last four of LM0000123's phone: the order id ranks first.
    expect(ids('1234')).toEqual(['LM0001234', 'LM0000123']);
    expect(ids('4321')).toEqual(['LM0004321']);
    expect(ids('123')[0]).toBe('LM0000123');
    expect(ids('LM0001234')).toEqual(['LM0001234']);
  });

  it('keeps the extra words in step when an update changes the phone or the street', () => {
    cache.orders.recordApiOrder('sandbox', apiOrder('LM0004321'), {
      source: 'update',
      known: { user_phone: '+15105554444', address: { address_line_1: '77 Grand Blvd' } },
    });
    expect(ids('9876')).toEqual([]);
    expect(ids('4444')).toEqual(['LM0004321']);
    expect(ids('grand avenue')).toEqual([]);
    expect(ids('grand boulevard')).toEqual(['LM0004321']);
  });
});
