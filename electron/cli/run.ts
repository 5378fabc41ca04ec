import { isCoreError } from '../core/core-error';

/** Runs a command-line entry point, turning a thrown error into one clear line (and its hint) and exit code 1. */
export function run(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const hint = isCoreError(error) ? error.appError.hint : undefined;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${hint ? `${message}\n${hint}` : message}\n`);
    process.exit(1);
  });
}
