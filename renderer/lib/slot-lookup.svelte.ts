import type { ServiceOption } from '../../shared/domain';
import type { AppError, Result } from '../../shared/result';
import type { ScopedInput } from './api';
import type { OptionQuery } from './window-form';
import { checkOptionQuery } from './window-form';

export type LoadOptions = (query: ScopedInput<'orders:service-options'>) => Promise<Result<ServiceOption[]>>;

/**
 * The one "Find delivery times" of the console (create and edit): what is missing is said before
 * asking, and an answer that arrives after a later question was asked is dropped, so a slow answer
 * for the old store or address never replaces the times of the new one.
 */
export class SlotLookup {
  options = $state<ServiceOption[] | null>(null);
  finding = $state(false);
  /** What was missing, or why the API would not list times. */
  error = $state<AppError | null>(null);
  private asked = 0;

  constructor(private readonly load: LoadOptions) {}

  /** True when the times of this query are now listed. */
  async find(query: OptionQuery): Promise<boolean> {
    const ask = ++this.asked;
    const checked = checkOptionQuery(query);
    if (!checked.ok) {
      this.finding = false;
      this.error = checked.error;
      return false;
    }
    this.error = null;
    this.finding = true;
    const { userId, locationCode, address_line_1, postal_code } = checked.value;
    const result = await this.load({ userId, locationCode, address: { address_line_1, postal_code } });
    if (ask !== this.asked) return false;
    this.finding = false;
    if (!result.ok) {
      this.error = result.error;
      return false;
    }
    this.options = result.value;
    return true;
  }
}

/** Instacart's 403 for a customer whose account is closed or suspended: no search or change can help. */
export function isInactiveAccount(error: AppError | null): boolean {
  return error !== null && error.code === 'forbidden' && /not active/i.test(error.message);
}
