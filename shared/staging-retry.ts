import type { AppError } from './result';

/**
 * Why sending a failed order again cannot succeed, in words; null when a retry may. One rule for the
 * core (which orders "Retry failed" sends) and the screen (what its button counts). Zod-free.
 */
export function retryBlocker(error: AppError | null): string | null {
  switch (error?.code) {
    case 'not_stageable':
      return error.message;
    case 'not_found':
      return 'Instacart has no such order in this environment.';
    case 'api_validation':
    case 'order_id_in_use':
      return 'Instacart refused the values sent: change them and stage it in a new job.';
    default:
      return null;
  }
}
