import { describe, expect, it } from 'vitest';
import { sanitiseRequest } from '../../../electron/core/cache/sanitise';

describe('sanitising a request for the audit log', () => {
  it('removes every key naming a secret, at any depth and in any spelling', () => {
    const request = {
      client_secret: 's',
      clientSecret: 's',
      secret: 's',
      token: 't',
      access_token: 't',
      refreshToken: 't',
      Authorization: 'Bearer t',
      PASSWORD: 'p',
      api_key: 'k',
      'x-api-key': 'k',
      credentials: { user: 'u' },
      cookie: 'c',
      keep: { deeper: [{ client_secret: 's', order_id: 'ORD-1' }] },
    };
    expect(sanitiseRequest(request)).toEqual({ keep: { deeper: [{ order_id: 'ORD-1' }] } });
    expect(JSON.stringify(sanitiseRequest(request))).not.toMatch(/"(s|t|p|k|c)"/);
  });

  it('removes a credential carried as a value', () => {
    expect(sanitiseRequest({ header: 'Bearer abc.def', other: ['basic dXNlcjpwYXNz', 'bearer'] })).toEqual({
      header: '[removed]',
      other: ['[removed]', 'bearer'],
    });
  });

  it('keeps what JSON can hold, cuts cycles, and does not mistake a shared object for a cycle', () => {
    const shared = { a: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared, when: new Date(0), n: NaN, f: () => 1 };
    cyclic.self = cyclic;
    expect(sanitiseRequest(cyclic)).toEqual({
      shared: { a: 1 },
      again: { a: 1 },
      when: '1970-01-01T00:00:00.000Z',
      n: null,
      self: '[circular]',
    });
    expect(sanitiseRequest(undefined)).toBeNull();
  });
});
