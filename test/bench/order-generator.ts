import type { BulkOrder } from '../../electron/core/cache/bulk-load';
import { ORDER_STATUSES } from '../../shared/domain';

/** mulberry32: a tiny seeded generator, so every run loads exactly the same orders. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = (
  'James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph ' +
  'Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Betty Anthony Margaret Mark Sandra ' +
  'Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Dorothy ' +
  'George Melissa Timothy Deborah Kamal Priya Wei Mei José María Juan Ana Luis Sofía Carlos Lucía Ahmed Fatima ' +
  'Omar Aisha Hiroshi Yuki Olga Ivan Chloé Noah Liam Emma Olivia Ava Isabella Mia Ethan Lucas Mason Logan Harper ' +
  'Evelyn Abigail Ella Scarlett Grace Lily Aria Zoe Nora Riley Amir Leila Tomás Inés Björn Zoë Renée Siobhan'
).split(' ');
const LAST = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson ' +
  'Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis ' +
  'Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera ' +
  'Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart ' +
  'Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim ' +
  'Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo ' +
  'Sanders Patel Myers Long Ross Foster Jimenez Singh Chen Wang Li Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma ' +
  'Zhu Hu Guo He Lin Gao Luo Kowalski Nowak Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz ' +
  'Hoffmann Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Okafor Mensah Haddad Nakamura'
).split(' ');
const STREETS = (
  'Maple Oak Pine Cedar Elm Washington Lake Hill Park Main Church High Mill Spring Sunset River Forest Meadow ' +
  'Valley Ridge Highland Willow Chestnut Walnut Cherry Birch Ash Poplar Sycamore Magnolia Lincoln Jefferson ' +
  'Madison Franklin Adams Jackson Monroe Grant Wilson Harrison Center Union Market Bridge Broad Prospect Liberty ' +
  'Mountain Orchard Railroad Summit Bay Harbor Ocean Shore Beach Canyon Mesa Desert Prairie Bluff Grove Garden ' +
  'Fairview Greenwood Lakeview Riverside Woodland Rosewood Brookside Hillcrest Kingston Oxford Cambridge Windsor'
).split(' ');
const SUFFIXES = ['St', 'Ave', 'Rd', 'Blvd', 'Ln', 'Dr', 'Ct', 'Way', 'Pl', 'Ter'];

export const STORE_COUNT = 40;
const POSTAL_PER_STORE = 20;
const HALF_HOUR = 30 * 60_000;

export interface GeneratorOptions {
  count: number;
  seed: number;
  /** Windows are spread over `spanDays` days centred on this instant. */
  aroundMs: number;
  spanDays: number;
}

/** Orders as the create request and the API's answer describe them, one at a time (nothing is held). */
export function* generateOrders(options: GeneratorOptions): Generator<BulkOrder> {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const stores = Array.from({ length: STORE_COUNT }, (_, i) => `store-${String(i + 1).padStart(3, '0')}`);
  const postal = stores.map(() =>
    Array.from({ length: POSTAL_PER_STORE }, () => String(10000 + Math.floor(random() * 89999))),
  );
  const slots = options.spanDays * 48;
  const firstSlot = Math.floor((options.aroundMs - (options.spanDays / 2) * 86_400_000) / HALF_HOUR);
  for (let n = 0; n < options.count; n += 1) {
    const storeIndex = Math.floor(random() * STORE_COUNT);
    const start = (firstSlot + Math.floor(random() * slots)) * HALF_HOUR;
    const id = `ORD-${String(1_000_000 + n)}`;
    const phone = `+1${200 + Math.floor(random() * 800)}${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`;
    const bags = 1 + Math.floor(random() * 6);
    yield {
      userId: `user-${1 + Math.floor(random() * 200_000)}`,
      api: {
        id,
        status: pick(ORDER_STATUSES),
        created_at: new Date(start - 86_400_000).toISOString(),
        locale: 'en_US',
        order_url: `https://example.com/orders/${id}`,
        fulfillment_details: {
          store_location: stores[storeIndex]!,
          window_starts_at: new Date(start).toISOString(),
          window_ends_at: new Date(start + 2 * HALF_HOUR).toISOString(),
          bag_count: bags,
        },
      },
      known: {
        location_code: stores[storeIndex]!,
        first_name: pick(FIRST),
        last_name: pick(LAST),
        user_phone: phone,
        address: {
          address_line_1: `${1 + Math.floor(random() * 9999)} ${pick(STREETS)} ${pick(SUFFIXES)}`,
          postal_code: pick(postal[storeIndex]!),
        },
        bag_label: `${String.fromCharCode(65 + Math.floor(random() * 26))}-${String(Math.floor(random() * 10000)).padStart(4, '0')}`,
        items_count: 1 + Math.floor(random() * 60),
        bags_count: bags,
        items_weight: Math.round(random() * 400) / 10,
        initial_tip_cents: Math.floor(random() * 2000),
      },
    };
  }
}
