import type { AppError, Result } from '../../shared/result';

/**
 * A form's send: the form's own check first (nothing is sent when it fails), then the call, keeping
 * whether it is under way and the error to show, the form's or the API's, for the fields to place.
 */
export class Submission {
  sending = $state(false);
  error = $state<AppError | null>(null);

  /** The call's value, or null when the check or the call failed (then `error` says why). */
  async send<I, O>(checked: Result<I>, call: (input: I) => Promise<Result<O>>): Promise<O | null> {
    if (!checked.ok) {
      this.error = checked.error;
      return null;
    }
    this.error = null;
    this.sending = true;
    const result = await call(checked.value);
    this.sending = false;
    if (!result.ok) {
      this.error = result.error;
      return null;
    }
    return result.value;
  }
}
