import type { EnvironmentKind } from '../../../shared/domain';
import { CoreError } from '../core-error';

/** Each retailer's two Instacart servers (API notes). */
export const PRESET_URLS = {
  development: 'https://connect.dev.instacart.tools',
  production: 'https://connect.instacart.com',
} as const;

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function invalid(message: string, hint: string): CoreError {
  return new CoreError({ code: 'invalid_input', key: 'baseUrl', message, hint });
}

/**
 * Checks a custom base URL and returns it normalised (no trailing slash). HTTPS is required because
 * the client secret and the bearer token travel on it; plain HTTP only to this machine (a local sandbox).
 */
export function checkBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid(
      `"${raw.slice(0, 100)}" is not a URL.`,
      'Enter a full URL, for example https://connect.dev.instacart.tools',
    );
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw invalid(
      `${url.host} is reached over plain HTTP, which would expose the client secret and token.`,
      'Use an https:// URL; plain http:// is allowed only for this machine (localhost, 127.0.0.1).',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`${url.protocol} URLs cannot reach the Connect API.`, 'Enter an https:// URL.');
  }
  if (url.username || url.password) {
    throw invalid(
      'The URL contains a user name or password.',
      'Remove them: the client id and secret are entered separately.',
    );
  }
  if (url.search || url.hash) {
    throw invalid(
      'The URL has a query or fragment (after ? or #).',
      'Enter only the server address, such as https://connect.example.com',
    );
  }
  return url.toString().replace(/\/+$/, '');
}

/** The base URL an environment of `kind` uses: the preset for development and production. */
export function baseUrlFor(kind: Exclude<EnvironmentKind, 'sandbox'>, requested: string | undefined): string {
  if (kind === 'custom') {
    if (!requested)
      throw invalid(
        'A custom environment needs a base URL.',
        'Enter the server address, such as https://connect.example.com',
      );
    return checkBaseUrl(requested);
  }
  const preset = PRESET_URLS[kind];
  if (requested !== undefined && checkBaseUrl(requested) !== preset) {
    throw invalid(
      `The ${kind} environment always uses ${preset}.`,
      'Leave the URL empty, or choose "Custom URL" to use another server.',
    );
  }
  return preset;
}
