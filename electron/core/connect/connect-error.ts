import type { AppError } from '../../../shared/result';
import { CoreError } from '../core-error';

/**
 * What kind of failure a Connect call met. The kind is also the AppError code, so the renderer and
 * bulk staging can branch on it without parsing messages.
 */
export const CONNECT_ERROR_KINDS = [
  'api_validation', // 400 with a correctable cause (1001, 1002, 2001, 9999): the user must change something
  'order_id_in_use', // 1003
  'api_busy', // 2003: the API asked us to wait
  'locked', // 423
  'unauthorized', // 401 after a fresh token, or the token exchange refused
  'forbidden', // 403
  'not_found', // 404
  'rate_limited', // 429
  'request_timeout', // 408: the server gave up waiting
  'server_error', // 5xx
  'timeout', // no answer within our own time limit
  'network', // no connection, or the connection dropped
  'bad_response', // an answer we cannot read (HTML page, empty or malformed body, unexpected shape)
  'canceled', // the caller aborted
] as const;
export type ConnectErrorKind = (typeof CONNECT_ERROR_KINDS)[number];

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export interface ConnectErrorInit {
  kind: ConnectErrorKind;
  message: string;
  hint: string;
  status?: number;
  apiCode?: number | null;
  key?: string;
  waitSeconds?: number;
  details?: AppError[];
  /** The request may have reached the server and been carried out even though no answer came back. */
  ambiguous?: boolean;
  /** Overrides what the kind and status imply (an answer cut short is worth another try; a web page is not). */
  retryable?: boolean;
  cause?: unknown;
}

/** A failed Connect call, classified: status, API code, field key, wait, whether a retry may help, and a hint. */
export class ConnectError extends CoreError {
  readonly kind: ConnectErrorKind;
  readonly retryable: boolean;
  readonly ambiguous: boolean;
  readonly status: number | undefined;
  readonly apiCode: number | null | undefined;
  readonly waitSeconds: number | undefined;
  /** Attempts made before giving up (set by the client when the error leaves it). */
  attempts = 1;
  /** True when retries stopped because the retry budget ran dry (an outage), not because attempts ran out. */
  budgetExhausted = false;

  constructor(init: ConnectErrorInit) {
    const retryable = init.retryable ?? isRetryable(init.kind, init.status);
    const appError: AppError = {
      code: init.kind,
      message: init.message,
      hint: init.hint,
      retryable,
      ...(init.status !== undefined ? { status: init.status } : {}),
      ...(init.apiCode !== undefined ? { apiCode: init.apiCode } : {}),
      ...(init.key !== undefined ? { key: init.key } : {}),
      ...(init.waitSeconds !== undefined ? { waitSeconds: init.waitSeconds } : {}),
      ...(init.details?.length ? { details: init.details } : {}),
    };
    super(appError, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ConnectError';
    this.kind = init.kind;
    this.retryable = retryable;
    this.ambiguous = init.ambiguous ?? false;
    this.status = init.status;
    this.apiCode = init.apiCode;
    this.waitSeconds = init.waitSeconds;
  }

  /** The same error with a different hint (for context the client learns later, such as an exhausted budget). */
  withHint(hint: string): this {
    this.appError.hint = hint;
    return this;
  }
}

function isRetryable(kind: ConnectErrorKind, status: number | undefined): boolean {
  switch (kind) {
    case 'timeout':
    case 'network':
    case 'api_busy':
    case 'rate_limited':
    case 'request_timeout':
      return true;
    case 'server_error':
      return status !== undefined && RETRYABLE_STATUSES.has(status);
    default:
      return false;
  }
}

export function isConnectError(value: unknown): value is ConnectError {
  return value instanceof ConnectError;
}
