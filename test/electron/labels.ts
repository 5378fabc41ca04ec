/**
 * What the real-app flows click and read, by its accessible name. `npm test` checks each is still in the
 * renderer's sources, so a renamed button breaks here, where it is seen, not only on the hosted runners.
 */
export const FLOW_LABELS = {
  searchBox: 'Search orders',
  environmentsLink: 'Environments',
  searchLink: 'Search',
  editLink: 'Change window, tip or details',
  tipField: 'Pre-delivery tip',
  saveButton: 'Save changes',
  stagingLink: 'Bulk staging',
  pasteSheet: 'Or paste the sheet',
  previewButton: 'Preview',
  startStaging: 'Start staging',
  savedMessage: 'Instacart accepted the update',
} as const;

/** The flows the real app goes through, as the browser e2e tests do. */
export const MAIN_FLOWS = ['start on the sandbox', 'search', 'open an order', 'edit', 'stage'] as const;
