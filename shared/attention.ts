/**
 * Why an order needs attention. Zod-free, so the renderer may import the list at run time.
 * late: the delivery window is over and the order is not delivered; canceled: with Instacart's reason;
 * not_staged: a dispatch order whose window starts within the environment's lead time, not staged;
 * staging_failed: a bulk staging job could not stage it; not_found: a shop-export import found no such
 * order at Instacart.
 */
export const ATTENTION_KINDS = ['late', 'canceled', 'not_staged', 'staging_failed', 'not_found'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export const ATTENTION_LABELS: Record<AttentionKind, string> = {
  late: 'Late',
  canceled: 'Canceled',
  not_staged: 'Not staged',
  staging_failed: 'Staging failed',
  not_found: 'Not found at Instacart',
};
