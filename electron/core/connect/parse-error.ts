import type { AppError } from '../../../shared/result';
import type { ConnectErrorKind } from './connect-error';
import { ConnectError } from './connect-error';
import { hintFor } from './error-hints';
import type { ReadBody } from './http';

interface Entry {
  message: string;
  code: number | null | undefined;
  key: string | undefined;
  wait: number | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `meta.wait` arrives as "30" or 30; anything else is ignored rather than trusted. */
export function parseWait(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function readEntry(value: unknown): Entry | undefined {
  if (!isRecord(value)) return undefined;
  const error = value.error;
  const meta = isRecord(value.meta) ? value.meta : {};
  const base = {
    key: typeof meta.key === 'string' ? meta.key : undefined,
    wait: parseWait(meta.wait),
  };
  if (isRecord(error)) {
    const code = typeof error.code === 'number' ? error.code : error.code === null ? null : undefined;
    const message = typeof error.message === 'string' ? error.message : '';
    return { ...base, message, code };
  }
  // OAuth errors from the token endpoint: {"error": "invalid_client", "error_description": "..."}.
  if (typeof error === 'string') {
    const description = typeof value.error_description === 'string' ? value.error_description : error;
    return { ...base, message: description, code: undefined };
  }
  return undefined;
}

function kindOf(status: number, code: number | null | undefined): ConnectErrorKind {
  if (code === 2003) return 'api_busy';
  if (code === 1003) return 'order_id_in_use';
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 408:
      return 'request_timeout';
    case 423:
      return 'locked';
    case 429:
      return 'rate_limited';
  }
  if (status >= 500) return 'server_error';
  if (status < 400) return 'bad_response';
  return 'api_validation';
}

function describe(entry: Entry): string {
  const message = entry.message || 'No message given';
  return entry.key ? `${entry.key}: ${message}` : message;
}

function toDetail(status: number, entry: Entry): AppError {
  return {
    code: kindOf(status, entry.code),
    message: describe(entry),
    hint: hintFor(status, entry.code, entry.key, entry.message),
    status,
    ...(entry.code !== undefined ? { apiCode: entry.code } : {}),
    ...(entry.key ? { key: entry.key } : {}),
    ...(entry.wait !== undefined ? { waitSeconds: entry.wait } : {}),
  };
}

const UNREADABLE: Record<Exclude<ReadBody['problem'], undefined>, string> = {
  empty: 'an empty body',
  html: 'a web page instead of data',
  malformed: 'a body that is not valid JSON',
  unexpected: 'a body in an unknown format',
};

/**
 * Turns a non-2xx answer into a ConnectError. Both documented shapes are read (single `error` + `meta`,
 * and `errors: [...]`); anything else still yields an error classified by its HTTP status.
 */
export function errorFromResponse(status: number, body: ReadBody, where: string): ConnectError {
  const json = body.json;
  const list = isRecord(json) && Array.isArray(json.errors) ? json.errors.map(readEntry) : undefined;
  const entries = (list ?? [readEntry(json)]).filter((e): e is Entry => e !== undefined);
  // The multiple shape may carry its own top-level error (the 9999 row) next to the list.
  const top = list && isRecord(json) ? readEntry(json) : undefined;
  const first = entries[0] ?? top;
  // A server failure or server timeout may have come after the request was carried out.
  const ambiguous = status >= 500 || status === 408;

  if (!first) {
    const problem = body.problem ?? 'unexpected';
    return new ConnectError({
      kind: kindOf(status, undefined),
      status,
      message: `${where} failed with HTTP ${status} and ${UNREADABLE[problem]}.`,
      hint: hintFor(status, undefined, undefined, ''),
      ambiguous,
    });
  }

  const several = entries.length > 1;
  const code = top?.code ?? (several ? 9999 : first.code);
  const message = several
    ? `${top?.message || 'There were issues with your request'}: ${entries.map(describe).join('; ')}`
    : describe(first);
  return new ConnectError({
    kind: kindOf(status, code),
    status,
    apiCode: code,
    message,
    hint: several ? hintFor(status, 9999, undefined, '') : hintFor(status, first.code, first.key, first.message),
    ...(first.key ? { key: first.key } : {}),
    ...(first.wait !== undefined ? { waitSeconds: first.wait } : {}),
    details: list ? entries.map((entry) => toDetail(status, entry)) : [],
    ambiguous,
  });
}
