import type { CancellationReason } from '../../shared/domain';

/** Connect's reasons in the words an agent picks from; the order is the one they are asked most. */
export const CANCEL_REASON_LABELS: Record<CancellationReason, string> = {
  customer_driven: 'The customer asked to cancel',
  retailer_driven: 'The store cannot fulfil it',
  instacart_driven: 'Instacart asked to cancel',
  shopper_driven: 'The shopper cannot deliver it',
  unbatchable: 'It could not be batched with other orders',
  other: 'Another reason',
};
