import { ConnectError } from './connect-error';

/** A response body as read: JSON when it parsed, otherwise what was wrong with it. */
export interface ReadBody {
  json: unknown;
  problem?: 'empty' | 'html' | 'malformed' | 'unexpected';
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** What the call is, in words, for error messages ("Getting order 123"). Never contains a secret. */
  what: string;
}

export interface HttpAnswer {
  status: number;
  body: ReadBody;
}

/** Connection failures that prove the request never reached the server. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function readBody(text: string, contentType: string): ReadBody {
  const trimmed = text.trim();
  if (trimmed === '') return { json: undefined, problem: 'empty' };
  if (/html/i.test(contentType) || trimmed.startsWith('<')) return { json: undefined, problem: 'html' };
  try {
    return { json: JSON.parse(trimmed) as unknown };
  } catch {
    return { json: undefined, problem: 'malformed' };
  }
}

/**
 * One HTTP exchange with a time limit, cancellable by the caller. Network failures, timeouts and
 * cancellation become ConnectErrors; any HTTP status is returned for the caller to judge.
 */
export async function exchange(
  request: HttpRequest,
  options: { fetch: typeof fetch; timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await options.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal,
      // A redirect is reported, not followed: it means the base URL is wrong, and the token must not travel.
      redirect: 'manual',
    });
    const text = await response.text();
    return { status: response.status, body: readBody(text, response.headers.get('content-type') ?? '') };
  } catch (error) {
    if (options.signal?.aborted) {
      throw new ConnectError({
        kind: 'canceled',
        message: `${request.what} was canceled.`,
        hint: 'Nothing more will be sent for this request.',
        ambiguous: true,
        cause: error,
      });
    }
    if (timeout.aborted) {
      throw new ConnectError({
        kind: 'timeout',
        message: `${request.what} got no answer within ${Math.round(options.timeoutMs / 100) / 10} s.`,
        hint: 'The network or Instacart is slow: check the connection and try again.',
        ambiguous: true,
        cause: error,
      });
    }
    const code = errorCode(error);
    const host = new URL(request.url).host;
    throw new ConnectError({
      kind: 'network',
      message: `${request.what} could not reach ${host}${code ? ` (${code})` : ''}.`,
      hint: 'Check the network connection (and any VPN or proxy), then try again.',
      ambiguous: !(code && NEVER_SENT.has(code)),
      cause: error,
    });
  }
}
