import { describe, expect, it } from 'vitest';
import { fieldTerms, indexTerms, queryAlternatives, termColumnsFor } from '../../../electron/core/store/search-terms';
import { parseSearchText } from '../../../electron/core/store/search-text';

describe('the words an order is also found by', () => {
  it('indexes the last seven and last four digits of a phone', () => {
    expect(fieldTerms('phone_digits', '14155550123 4155550123')).toEqual(['5550123', '0123']);
    expect(fieldTerms('phone_digits', '442071234567')).toEqual(['1234567', '4567']);
    expect(fieldTerms('phone_digits', '12345')).toEqual(['2345']);
    expect(fieldTerms('phone_digits', null)).toEqual([]);
  });

  it("indexes an order id's number without its leading zeros, once, unless it is already a word", () => {
    expect(fieldTerms('order_id', 'LM0001234')).toEqual(['1234']);
    expect(fieldTerms('order_id', 'ORD-1234567')).toEqual([]);
    expect(fieldTerms('order_id', 'A12B12')).toEqual(['12']);
    expect(fieldTerms('order_id', 'LM0000000')).toEqual([]);
  });

  it('indexes both standard forms of a street suffix however it was written', () => {
    expect(fieldTerms('address_line_1', '123 Valencia St')).toEqual(['street']);
    expect(fieldTerms('address_line_1', '123 Valencia Street')).toEqual(['st']);
    expect(fieldTerms('address_line_1', '9 Grand Av.')).toEqual(['ave', 'avenue']);
    expect(fieldTerms('address_line_1', '5 Lincoln Way')).toEqual([]);
    for (const [written, other] of [
      ['Boulevard', 'blvd'],
      ['Drive', 'dr'],
      ['Road', 'rd'],
      ['Lane', 'ln'],
      ['Court', 'ct'],
      ['Place', 'pl'],
      ['Terrace', 'ter'],
      ['Parkway', 'pkwy'],
      ['Highway', 'hwy'],
      ['Circle', 'cir'],
      ['Square', 'sq'],
    ] as const) {
      expect(fieldTerms('address_line_1', `1 Main ${written}`), written).toEqual([other]);
    }
  });

  it('joins every field into the one column the index reads', () => {
    expect(
      indexTerms({ order_id: 'LM0001234', phone_digits: '14155550123 4155550123', address_line_1: '1 Main St' }),
    ).toBe('1234 5550123 0123 street');
    expect(indexTerms({ order_id: 'ORD-1', phone_digits: null, address_line_1: null })).toBeNull();
  });
});

describe('the other ways a searched word is written', () => {
  it('tries another spelling of a suffix as its abbreviation, and a padded number as the number', () => {
    expect(queryAlternatives('street')).toEqual([]);
    expect(queryAlternatives('st')).toEqual([]);
    expect(queryAlternatives('str')).toEqual(['st']);
    expect(queryAlternatives('av')).toEqual(['ave']);
    expect(queryAlternatives('0001234')).toEqual(['1234']);
    // Short runs are a phone's last four or a postal code, taken as typed.
    expect(queryAlternatives('0123')).toEqual([]);
    expect(queryAlternatives('02134')).toEqual([]);
    expect(queryAlternatives('000000')).toEqual([]);
    expect(queryAlternatives('maria')).toEqual([]);
  });

  it('matches an alternative whole, beside the word as typed', () => {
    expect(parseSearchText('Valencia Str')).toMatchObject({
      alternatives: [[], ['st']],
      match: '"valencia" AND ("str"* OR "st")',
      wholeMatch: '"valencia" AND ("str" OR "st")',
    });
    expect(parseSearchText('0001234')).toMatchObject({ match: '("0001234"* OR "1234")' });
  });
});

describe('which extra words a search could match', () => {
  it('names the phone and order id for digits, the address for a word that is or starts a suffix', () => {
    expect([...termColumnsFor(['0123'])].sort()).toEqual(['order_id', 'phone_digits']);
    expect([...termColumnsFor(['valencia', 'stre'])]).toEqual(['address_line_1']);
    expect([...termColumnsFor(['maria', 'garcia'])]).toEqual([]);
  });
});
