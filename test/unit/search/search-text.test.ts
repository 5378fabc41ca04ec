import { describe, expect, it } from 'vitest';
import { parseSearchText } from '../../../electron/core/store/search-text';
import { phoneSearchDigits } from '../../../shared/phone';

describe('phone search digits', () => {
  it('indexes a North American number with and without its country code, others as they are', () => {
    expect(phoneSearchDigits('+18005550101')).toEqual(['18005550101', '8005550101']);
    expect(phoneSearchDigits('+442071234567')).toEqual(['442071234567']);
    expect(phoneSearchDigits('no digits')).toEqual([]);
  });
});

describe('reading the search box', () => {
  it('matches every word, the last one as a prefix, folded like the index', () => {
    expect(parseSearchText('  María GAR ')).toEqual({
      exact: 'María GAR',
      tokens: ['maria', 'gar'],
      alternatives: [[], []],
      phoneDigits: null,
      match: '"maria" AND "gar"*',
      wholeMatch: '"maria" AND "gar"',
    });
  });

  it('adds the digits run together when the text looks like a phone written with separators', () => {
    expect(parseSearchText('(800) 555-0101')).toMatchObject({
      phoneDigits: '8005550101',
      match: '("800" AND "555" AND "0101"*) OR "8005550101"*',
      wholeMatch: '("800" AND "555" AND "0101") OR "8005550101"',
    });
    expect(parseSearchText('94110')).toMatchObject({ phoneDigits: null, match: '"94110"*' });
    expect(parseSearchText('12 Maple')).toMatchObject({ phoneDigits: null });
  });

  it('keeps the exact text for an id match, and has no query when there is no word', () => {
    expect(parseSearchText('ORD-1/2')).toMatchObject({ exact: 'ORD-1/2', tokens: ['ord', '1', '2'] });
    expect(parseSearchText(' "*" -- ')).toEqual({
      exact: '"*" --',
      tokens: [],
      alternatives: [],
      phoneDigits: null,
      match: null,
      wholeMatch: null,
    });
  });

  it('only ever puts quoted words in the query', () => {
    const { match } = parseSearchText('a" OR b* NEAR(c d) ^e {f}:g');
    expect(match).toBe('"a" AND "or" AND "b" AND "near" AND "c" AND "d" AND "e" AND "f" AND "g"*');
  });
});
