import type { ImportField, ImportMapping } from '../../../shared/contract';

/**
 * The names shop systems give each field, written as `normalHeader` leaves them (lower case, letters
 * and digits only, "#" as "number"). The first alias a header matches wins; the order id's come first
 * so "Order #" is never read as a count.
 */
const ALIASES: [ImportField, string[]][] = [
  ['orderId', ['orderid', 'ordernumber', 'orderno', 'order', 'ordernum', 'orderref', 'orderreference', 'id']],
  ['userId', ['userid', 'customerid', 'customernumber', 'clientid', 'accountid', 'memberid', 'user']],
  ['firstName', ['firstname', 'givenname', 'forename', 'first', 'customerfirstname', 'shiptofirstname']],
  ['lastName', ['lastname', 'surname', 'familyname', 'last', 'customerlastname', 'shiptolastname']],
  ['fullName', ['customername', 'customer', 'name', 'fullname', 'shiptoname', 'recipient', 'recipientname', 'client']],
  [
    'phone',
    [
      'phone',
      'phonenumber',
      'mobile',
      'mobilenumber',
      'cell',
      'cellphone',
      'telephone',
      'tel',
      'customerphone',
      'shiptophone',
      'userphone',
      'contactnumber',
    ],
  ],
  [
    'addressLine1',
    [
      'address',
      'addressline1',
      'address1',
      'street',
      'streetaddress',
      'shiptoaddress',
      'shiptostreet',
      'deliveryaddress',
    ],
  ],
  ['addressLine2', ['addressline2', 'address2', 'aptsuite', 'apt', 'suite', 'unit', 'apartment', 'shiptoaddress2']],
  ['postalCode', ['postalcode', 'zip', 'zipcode', 'postcode', 'shiptozip', 'shiptopostalcode', 'zippostalcode']],
  [
    'storeLocation',
    [
      'storenumber',
      'store',
      'storeid',
      'storecode',
      'locationcode',
      'storelocation',
      'location',
      'storelocationcode',
      'branch',
    ],
  ],
  ['bagLabel', ['baglabel', 'label', 'bagtag', 'bagname']],
  [
    'windowStart',
    [
      'deliverystart',
      'windowstart',
      'windowstartsat',
      'startat',
      'deliverywindowstart',
      'slotstart',
      'deliveryfrom',
      'start',
    ],
  ],
  [
    'windowEnd',
    ['deliveryend', 'windowend', 'windowendsat', 'endat', 'deliverywindowend', 'slotend', 'deliveryto', 'end'],
  ],
  ['itemsCount', ['items', 'itemscount', 'itemcount', 'numberofitems', 'qty', 'quantity', 'units']],
  ['bagsCount', ['bags', 'bagscount', 'bagcount', 'numberofbags']],
  ['weight', ['weight', 'weightlb', 'weightlbs', 'itemsweight', 'totalweight', 'weightkg']],
  ['tip', ['tip', 'tipamount', 'initialtip', 'gratuity', 'tipusd']],
];

/** A header as compared: "Order #" -> "ordernumber", "Weight (lb)" -> "weightlb", "Apt/Suite" -> "aptsuite". */
export function normalHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/#/g, 'number')
    .replace(/\bno\b\.?/g, 'no')
    .replace(/[^a-z0-9]/g, '');
}

/** A column for each known field whose header is one of its usual names; each column is used once. */
export function proposeMapping(headers: readonly string[]): ImportMapping {
  const normal = headers.map(normalHeader);
  const mapping: ImportMapping = {};
  const used = new Set<number>();
  for (const [field, aliases] of ALIASES) {
    for (const alias of aliases) {
      const index = normal.findIndex((header, i) => header === alias && !used.has(i));
      if (index >= 0) {
        mapping[field] = index;
        used.add(index);
        break;
      }
    }
  }
  // One full-name column is split only when there are no first and last name columns.
  if (mapping.firstName !== undefined && mapping.lastName !== undefined) delete mapping.fullName;
  return mapping;
}

/** The key a mapping is remembered under: the header row as compared. */
export function headersKey(headers: readonly string[]): string {
  return JSON.stringify(headers.map(normalHeader));
}
