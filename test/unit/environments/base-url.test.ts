import { describe, expect, it } from 'vitest';
import { PRESET_URLS, baseUrlFor, checkBaseUrl } from '../../../electron/core/environments/base-url';
import type { CoreError } from '../../../electron/core/core-error';

function rejection(run: () => unknown): CoreError['appError'] {
  try {
    run();
  } catch (error) {
    return (error as CoreError).appError;
  }
  throw new Error('expected a rejection');
}

describe('base URLs', () => {
  it('accepts https anywhere and plain http only on this machine', () => {
    expect(checkBaseUrl('https://connect.example.com/')).toBe('https://connect.example.com');
    expect(checkBaseUrl(' https://proxy.example/connect/ ')).toBe('https://proxy.example/connect');
    expect(checkBaseUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(checkBaseUrl('http://localhost:9000/')).toBe('http://localhost:9000');
    expect(checkBaseUrl('http://[::1]:9000')).toBe('http://[::1]:9000');
  });

  it('refuses what would expose the secret or cannot be the API, saying what to do', () => {
    expect(rejection(() => checkBaseUrl('http://connect.example.com'))).toMatchObject({
      code: 'invalid_input',
      key: 'baseUrl',
      hint: expect.stringMatching(/https:\/\//),
    });
    expect(rejection(() => checkBaseUrl('http://127.0.0.1.example.com')).message).toMatch(/plain HTTP/);
    expect(rejection(() => checkBaseUrl('connect.example.com')).message).toMatch(/is not a URL/);
    expect(rejection(() => checkBaseUrl('ftp://connect.example.com')).message).toMatch(/ftp: URLs/);
    expect(rejection(() => checkBaseUrl('https://user:pw@connect.example.com')).message).toMatch(
      /user name or password/,
    );
    expect(rejection(() => checkBaseUrl('https://connect.example.com/?x=1')).message).toMatch(/query or fragment/);
  });

  it('fixes development and production to their servers and requires a URL for custom', () => {
    expect(baseUrlFor('development', undefined)).toBe('https://connect.dev.instacart.tools');
    expect(baseUrlFor('production', 'https://connect.instacart.com/')).toBe(PRESET_URLS.production);
    expect(rejection(() => baseUrlFor('production', 'https://evil.example')).message).toMatch(
      /always uses https:\/\/connect\.instacart\.com/,
    );
    expect(rejection(() => baseUrlFor('custom', undefined)).message).toMatch(/needs a base URL/);
    expect(baseUrlFor('custom', 'http://127.0.0.1:7000')).toBe('http://127.0.0.1:7000');
  });
});
