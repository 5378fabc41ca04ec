/**
 * The shop's back-office order export as the sandbox writes it: its own headers, in this order, unlike
 * the console's names, as a real shop's export would be. One list, read by the CSV and XLSX writers.
 */
export interface ShopExportRow {
  orderNumber: string;
  customerId: string;
  /** "First Last". */
  customerName: string;
  /** Written as people write it: "(415) 555-0123", sometimes "415.555.0123" or "+1 415 555 0123". */
  phone: string;
  address: string;
  /** Empty when there is none. */
  aptSuite: string;
  shipToZip: string;
  storeNumber: string;
  /** ISO 8601 with the store's UTC offset: 2026-06-15T14:00:00-08:00. */
  deliveryStart: string;
  deliveryEnd: string;
  bagLabel: string;
  items: number;
  bags: number;
  weightLb: number;
  tipCents: number;
}

export interface ShopExportColumn {
  header: string;
  /** The cell as CSV text. */
  text(row: ShopExportRow): string;
  /** The cell as an XLSX number, for the numeric columns (every other cell is text). */
  number?(row: ShopExportRow): number;
  /** Excel's number format for a numeric cell, when its default would not show it as the shop does. */
  numFmt?: string;
}

const dollars = (cents: number) => (cents / 100).toFixed(2);

export const SHOP_EXPORT_COLUMNS: readonly ShopExportColumn[] = [
  { header: 'Order #', text: (r) => r.orderNumber },
  { header: 'Customer ID', text: (r) => r.customerId },
  { header: 'Customer Name', text: (r) => r.customerName },
  { header: 'Phone', text: (r) => r.phone },
  { header: 'Address', text: (r) => r.address },
  { header: 'Apt/Suite', text: (r) => r.aptSuite },
  { header: 'Ship To Zip', text: (r) => r.shipToZip },
  { header: 'Store #', text: (r) => r.storeNumber },
  { header: 'Delivery Start', text: (r) => r.deliveryStart },
  { header: 'Delivery End', text: (r) => r.deliveryEnd },
  { header: 'Bag Label', text: (r) => r.bagLabel },
  { header: 'Items', text: (r) => String(r.items), number: (r) => r.items },
  { header: 'Bags', text: (r) => String(r.bags), number: (r) => r.bags },
  { header: 'Weight (lb)', text: (r) => String(r.weightLb), number: (r) => r.weightLb },
  { header: 'Tip', text: (r) => dollars(r.tipCents), number: (r) => r.tipCents / 100, numFmt: '0.00' },
];

export const SHOP_EXPORT_HEADERS: readonly string[] = SHOP_EXPORT_COLUMNS.map((column) => column.header);
