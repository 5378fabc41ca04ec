/**
 * The sandbox's stores. Two demo retailers share the sandbox's credentials: Bay Grocers (10xx, creates
 * answer synchronously) and Fresh Express (20xx, asynchronous create switched on, as the beta is per
 * retailer). Store 9001 exists but is not available for delivery.
 */
export interface SandboxStore {
  code: string;
  name: string;
  retailer: 'Bay Grocers' | 'Fresh Express';
  /**
   * The store's IANA time zone (Connect does not say one; the console's settings do, and the sandbox's
   * are declared to it): slots are store-local hours, through daylight saving changes.
   */
  timeZone: string;
  availableForDelivery: boolean;
  /** Dispatch last mile: orders wait until the store stages them. */
  dispatch: boolean;
  asyncCreate: boolean;
  /** Licensed to deliver alcohol: otherwise an alcoholic order fails the compliance check (2001). */
  alcohol: boolean;
  /** Handoff time calculation configured (with_handoff_time). */
  handoffTime: boolean;
  /** Where the store's demo customers live. */
  postalCodes: readonly string[];
  streets: readonly string[];
  /** Local area codes of its demo customers' phones. */
  areaCodes: readonly string[];
}

const PACIFIC = 'America/Los_Angeles';
const sf = ['Valencia St', 'Guerrero St', 'Dolores St', 'Church St', 'Castro St', 'Mission St', 'Folsom St'];
const soma = ['Howard St', 'Harrison St', 'Bryant St', 'Brannan St', 'Townsend St', 'Beale St', 'Fremont St'];
const oakland = ['Grand Ave', 'Lakeshore Ave', 'Telegraph Ave', 'Broadway', 'Piedmont Ave', 'MacArthur Blvd'];
const berkeley = ['Shattuck Ave', 'Solano Ave', 'Dwight Way', 'Cedar St', 'Hearst Ave', 'Ashby Ave', 'Milvia St'];
const daly = ['Hillside Blvd', 'Southgate Ave', 'Westlake Ave', 'John Daly Blvd', 'Gellert Blvd', 'Skyline Dr'];
const sunset = ['Irving St', 'Judah St', 'Noriega St', 'Taraval St', 'Lincoln Way', 'Kirkham St', 'Ortega St'];

function store(fields: Omit<SandboxStore, 'timeZone'> & { timeZone?: string }): SandboxStore {
  return { timeZone: PACIFIC, ...fields };
}

const bay = { retailer: 'Bay Grocers', availableForDelivery: true, asyncCreate: false, handoffTime: true } as const;
const fresh = { retailer: 'Fresh Express', availableForDelivery: true, asyncCreate: true, handoffTime: false } as const;

export const STORES: readonly SandboxStore[] = [
  store({
    ...bay,
    code: '1001',
    name: 'Bay Grocers Mission',
    dispatch: false,
    alcohol: true,
    postalCodes: ['94110', '94114', '94103'],
    streets: sf,
    areaCodes: ['415', '628'],
  }),
  store({
    ...bay,
    code: '1002',
    name: 'Bay Grocers SoMa',
    dispatch: true,
    alcohol: true,
    postalCodes: ['94105', '94107', '94102'],
    streets: soma,
    areaCodes: ['415', '628'],
  }),
  store({
    ...bay,
    code: '1003',
    name: 'Bay Grocers Grand Lake',
    dispatch: true,
    alcohol: true,
    postalCodes: ['94610', '94612', '94606', '94611'],
    streets: oakland,
    areaCodes: ['510', '341'],
  }),
  store({
    ...bay,
    code: '1004',
    name: 'Bay Grocers Shattuck',
    dispatch: false,
    alcohol: false,
    postalCodes: ['94704', '94709', '94703', '94702'],
    streets: berkeley,
    areaCodes: ['510', '341'],
  }),
  store({
    ...fresh,
    code: '2001',
    name: 'Fresh Express Daly City',
    dispatch: true,
    alcohol: false,
    postalCodes: ['94014', '94015', '94112'],
    streets: daly,
    areaCodes: ['650'],
  }),
  store({
    ...fresh,
    code: '2002',
    name: 'Fresh Express Sunset',
    // One store outside the others' zone, so a store-local time that differs from its neighbours' is always shown.
    timeZone: 'America/New_York',
    dispatch: false,
    alcohol: true,
    postalCodes: ['94122', '94116', '94117'],
    streets: sunset,
    areaCodes: ['415', '628'],
  }),
  store({
    ...bay,
    code: '9001',
    name: 'Bay Grocers Treasure Island (closed)',
    availableForDelivery: false,
    dispatch: false,
    alcohol: false,
    postalCodes: ['94130'],
    streets: ['Avenue of the Palms'],
    areaCodes: ['415'],
  }),
];

/** Stores that take orders: the demo orders are spread over these. */
export const OPEN_STORES = STORES.filter((s) => s.availableForDelivery);

const byCode = new Map(STORES.map((s, index) => [s.code, { store: s, index }]));

export function storeByCode(code: string): SandboxStore | undefined {
  return byCode.get(code)?.store;
}

export function storeIndex(code: string): number {
  return byCode.get(code)?.index ?? -1;
}

/** The zone of every store, as the console's settings for the built-in Sandbox declare them. */
export const STORE_TIME_ZONES: Readonly<Record<string, string>> = Object.fromEntries(
  STORES.map((s) => [s.code, s.timeZone]),
);
export const DEFAULT_TIME_ZONE = PACIFIC;

/** Every store delivers to every served postal code: one metro area. */
export const SERVED_POSTAL_CODES: readonly string[] = [...new Set(STORES.flatMap((s) => s.postalCodes))].sort();

/** Real postal codes outside the area, for trying the "not supported" answer. */
export const UNSUPPORTED_POSTAL_CODES: readonly string[] = ['10001', '60601', '98101'];

const served = new Set(SERVED_POSTAL_CODES);

export type PostalCodeClass = 'served' | 'unsupported' | 'not_found';

/** A code that cannot be a US ZIP (or ZIP+4) is "not found"; a real one outside the area is "not supported". */
export function classifyPostalCode(code: string): PostalCodeClass {
  const match = /^(\d{5})(?:-\d{4})?$/.exec(code.trim());
  if (!match || match[1]?.startsWith('000')) return 'not_found';
  return served.has(match[1] ?? '') ? 'served' : 'unsupported';
}
