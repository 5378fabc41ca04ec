import { describe, expect, it } from 'vitest';
import { redactRequest, redactText } from '../../../electron/core/audit/redact';

describe('redacting a request for the audit log', () => {
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
    expect(redactRequest(request)).toEqual({ keep: { deeper: [{ order_id: 'ORD-1' }] } });
    expect(JSON.stringify(redactRequest(request))).not.toMatch(/"(s|t|p|k|c)"/);
  });

  it('removes a credential carried as a value', () => {
    expect(redactRequest({ header: 'Bearer abc.def', other: ['basic dXNlcjpwYXNz', 'bearer'] })).toEqual({
      header: 'Bearer [removed]',
      other: ['basic [removed]', 'bearer'],
    });
  });

  it('removes credentials inside strings, in URLs, keys and values alike', () => {
    expect(
      redactRequest({
        baseUrl: 'http://client:SECRET@127.0.0.1:9/x',
        [`see https://u:p@h`]: 1,
        note: 'sent with Bearer eyJhbGci.eyJzdWIi.sig and client_secret=SECRET&grant_type=client_credentials',
      }),
    ).toEqual({
      baseUrl: 'http://[removed]@127.0.0.1:9/x',
      'see https://[removed]@h': 1,
      note: 'sent with Bearer [removed] and client_secret=[removed]&grant_type=client_credentials',
    });
  });

  it('keeps what JSON can hold, cuts cycles, and does not mistake a shared object for a cycle', () => {
    const shared = { a: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared, when: new Date(0), n: NaN, f: () => 1 };
    cyclic.self = cyclic;
    expect(redactRequest(cyclic)).toEqual({
      shared: { a: 1 },
      again: { a: 1 },
      when: '1970-01-01T00:00:00.000Z',
      n: null,
      self: '[circular]',
    });
    expect(redactRequest(undefined)).toBeNull();
  });
});

describe('redacting text', () => {
  it.each([
    ['http://client:SECRET@host', 'http://[removed]@host'],
    ['https://SECRET@host/path', 'https://[removed]@host/path'],
    ['"http://a:SE@CRET@host" is not a URL.', '"http://[removed]@host" is not a URL.'],
    ['HTTPS://CLIENT:SECRET@HOST', 'HTTPS://[removed]@HOST'],
    ['Authorization: Bearer SECRET', 'Authorization: [removed]'],
    ['authorization=Basic SECRET', 'authorization=[removed]'],
    ['Basic SECRET', 'Basic [removed]'],
    ['bearer SECRET', 'bearer [removed]'],
    ['{"access_token":"SECRET","token_type":"Bearer"}', '{"access_token":[removed],"token_type":[removed]}'],
    ['password: SECRET', 'password: [removed]'],
    ["clientSecret='SECRET'", 'clientSecret=[removed]'],
    ['x-api-key=SECRET', 'x-api-key=[removed]'],
  ])('%j becomes %j', (text, expected) => {
    expect(redactText(text)).toBe(expected);
    expect(redactText(text)).not.toMatch(/SECRET/);
  });

  it.each(['Basic groceries, leave at the door', 'https://connect.example.com/v2', 'Bag 3 of 4; ring twice', 'a@b.c'])(
    'leaves %j as it is',
    (text) => expect(redactText(text)).toBe(text),
  );
});
