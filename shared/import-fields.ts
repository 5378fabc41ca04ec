/* The shop-export import's fields and shop-only statuses, without zod, so the renderer can use them. */

/** The fields of a shop's order export the console can read; only the order id is required. */
export const IMPORT_FIELDS = [
  'orderId',
  'userId',
  'firstName',
  'lastName',
  'fullName',
  'phone',
  'addressLine1',
  'addressLine2',
  'postalCode',
  'storeLocation',
  'bagLabel',
  'windowStart',
  'windowEnd',
  'itemsCount',
  'bagsCount',
  'weight',
  'tip',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** How the Import screen names each field. */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  orderId: 'Order id',
  userId: 'User id',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name (split)',
  phone: 'Phone',
  addressLine1: 'Address line 1',
  addressLine2: 'Address line 2',
  postalCode: 'Postal code',
  storeLocation: 'Store location code',
  bagLabel: 'Bag label',
  windowStart: 'Delivery window start',
  windowEnd: 'Delivery window end',
  itemsCount: 'Items',
  bagsCount: 'Bags',
  weight: 'Weight',
  tip: 'Tip',
};

/**
 * The status of an order known only from the shop's export: Instacart not asked yet, or asked and it
 * answered 404 (the order never reached Instacart). Never an API status, so never confused with one.
 */
export const NOT_CHECKED_STATUS = 'not_checked';
export const NOT_FOUND_STATUS = 'not_found_at_instacart';
export const SHOP_ONLY_STATUS_LABELS: Record<string, string> = {
  [NOT_CHECKED_STATUS]: 'not yet checked',
  [NOT_FOUND_STATUS]: 'not found at Instacart',
};
