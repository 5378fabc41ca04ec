import { CoreError, isCoreError } from '../core-error';

/** The keychain refused the new environment's secret: nothing was saved, and adding it again will work. */
export function notAdded(name: string, error: unknown): unknown {
  if (!isCoreError(error)) return error;
  const { message, hint } = error.appError;
  return new CoreError(
    {
      ...error.appError,
      key: 'secret',
      message: `${name} was not added, so nothing is half saved. ${message}`,
      hint: `${hint ?? ''} Then add ${name} again.`.trim(),
    },
    { cause: error },
  );
}

export function unknownEnvironment(id: string): CoreError {
  return new CoreError({
    code: 'unknown_environment',
    key: 'id',
    message: `There is no environment with id "${id}".`,
    hint: 'It may have been removed: reopen the environment list.',
  });
}

export function sandboxOff(): CoreError {
  return new CoreError({
    code: 'sandbox_unavailable',
    message: 'The built-in sandbox is not running in this console.',
    hint: 'Select another environment in Environments, or restart the console with the sandbox enabled.',
  });
}
