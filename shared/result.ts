/**
 * Every channel answers with a Result, never a thrown error: a rejected promise crossing the IPC
 * boundary loses its fields (Electron keeps only the message), and the renderer must be able to
 * put an error on the field it is about.
 */
export interface AppError {
  /** Stable machine code, e.g. `invalid_input`, `api_error`, `network`, `keychain_unavailable`. */
  code: string;
  /** What went wrong, in plain words. */
  message: string;
  /** The field the error is about (a form field name, or the API's `meta.key`). */
  key?: string;
  /** What the user can do about it. */
  hint?: string;
  /** Connect's numeric error code (1001, 9999, ...) when the API produced the error. */
  apiCode?: number | null;
  /** HTTP status of the API response that produced the error. */
  status?: number;
  /** Seconds the API asked us to wait before trying again (code 2003). */
  waitSeconds?: number;
  /** True when trying the same request again later may succeed (network, rate limit, busy server). */
  retryable?: boolean;
  /** Several errors reported together (the API's multiple-errors shape, or several invalid fields). */
  details?: AppError[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: AppError): Result<T> {
  return { ok: false, error };
}
