import type { AppError } from '../../shared/result';

/**
 * The one exception type the core throws on purpose. It carries a complete AppError so the IPC
 * boundary can hand it to the renderer unchanged; anything else that escapes is a bug.
 */
export class CoreError extends Error {
  readonly appError: AppError;

  constructor(appError: AppError, options?: { cause?: unknown }) {
    super(appError.message, options);
    this.name = 'CoreError';
    this.appError = appError;
  }
}

export function isCoreError(value: unknown): value is CoreError {
  return value instanceof CoreError;
}
