import { isCoreError } from '../core/core-error';
import { isSystemError, systemError } from '../core/system-errors';

/**
 * Runs a command-line entry point, turning a thrown error into one clear line and exit code 1: what
 * happened and what to do, never the system's own text.
 */
export function run(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const failure = isSystemError(error) ? systemError(error, { what: 'finish the command' }) : error;
    const line = isCoreError(failure)
      ? [failure.appError.message, failure.appError.hint].filter(Boolean).join(' ')
      : failure instanceof Error
        ? failure.message
        : String(failure);
    process.stderr.write(`${line}\n`);
    process.exit(1);
  });
}
