import type { Address } from '../../../shared/domain';
import { CANCELLATION_REASONS, FIRST_NAMES, LAST_NAMES, SPECIAL_INSTRUCTIONS, UNIT_PREFIXES } from './demo-names';
import { createRandom, hash2 } from './random';
import { localDay, slotAt, SLOT_START_HOURS } from './service-options';
import type { SandboxStore } from './stores';
import { OPEN_STORES, storeByCode, storeIndex } from './stores';
import { HOUR, MINUTE } from './time';

/**
 * The demo data, as a pure function of (seed, count, now): order i and customer c are computed alone
 * from hash(seed, i), so a million orders cost no memory until asked for, and every run agrees.
 */
export interface DemoDataConfig {
  count: number;
  seed: number;
  /** The time the data is generated around (windows from 2 days before to 3 days after). */
  now: number;
}

export interface DemoCustomer {
  index: number;
  userId: string;
  firstName: string;
  lastName: string;
  /** E.164, in the fictional 555-01xx range. */
  phone: string;
  address: Address;
  locationCode: string;
}

export interface DemoOrder {
  orderId: string;
  userId: string;
  firstName: string;
  lastName: string;
  phone: string;
  address: Address;
  locationCode: string;
  dispatch: boolean;
  /** Times in milliseconds since the epoch. */
  createdAt: number;
  windowStart: number;
  windowEnd: number;
  itemsCount: number;
  bagsCount: number;
  itemsWeight: number;
  cartTotal: number;
  tipCents: number;
  alcoholic: boolean;
  leaveUnattended: boolean;
  specialInstructions: string | null;
  bagLabel: string;
  /** IETF tag as sent on create, e.g. en-US. */
  locale: string;
  instacartplus: boolean;
  /** Set for dispatch orders already staged when the data was generated. */
  stagedAt: number | null;
  cancelAt: number | null;
  cancellationReason: string | null;
  rescheduleAt: number | null;
  /** Minutes after the window's start at which the order is delivered. */
  deliveryMinutes: number;
  /** Set for a late order: delivered this many minutes after its window ends (it is delivering as the window passes). */
  lateMinutes: number | null;
}

const ORDER_ID_PREFIX = 'LM';
/** Orders whose fate draw falls in [0.07, LATE_BELOW) run late. */
const LATE_BELOW = 0.11;
const USER_NUMBER_BASE = 1000;
/** A demo customer who is no longer active: creates and updates for them answer 403. */
export const INACTIVE_CUSTOMER_INDEX = 1;

export function customerCount(orderCount: number): number {
  return Math.max(8, Math.ceil(orderCount / 2.5));
}

export function demoOrderId(index: number): string {
  return `${ORDER_ID_PREFIX}${String(index).padStart(7, '0')}`;
}

export function demoOrderIndex(orderId: string, count: number): number | null {
  const match = /^LM(\d{7,})$/.exec(orderId);
  if (!match) return null;
  const index = Number(match[1]);
  return index < count && demoOrderId(index) === orderId ? index : null;
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}
/** Names in ids and labels, computed once rather than per order. */
const SLUGS = new Map([...FIRST_NAMES, ...LAST_NAMES].map((name) => [name, slug(name)]));
const slugOf = (name: string) => SLUGS.get(name) ?? slug(name);

/** NANP area codes, the sandbox's own metro first, so the first 71,000 customers have distinct phones. */
const AREA_CODES = (() => {
  const local = ['415', '510', '650', '628', '341'];
  const rest: string[] = [];
  for (let n = 200; n < 1000; n++) {
    const code = String(n);
    if (code[1] !== '9' && code.slice(1) !== '11' && !local.includes(code)) rest.push(code);
  }
  return [...local, ...rest];
})();

export function demoCustomerAt(config: DemoDataConfig, index: number): DemoCustomer {
  const r = createRandom(hash2(config.seed ^ 0x6a09e667, index));
  const firstName = r.pick(FIRST_NAMES);
  const lastName = r.pick(LAST_NAMES);
  const store = OPEN_STORES[index % OPEN_STORES.length] as SandboxStore;
  const area = AREA_CODES[Math.floor(index / 100) % AREA_CODES.length] as string;
  const address: Address = {
    address_line_1: `${1 + r.int(r.chance(0.7) ? 999 : 4999)} ${r.pick(store.streets)}`,
    postal_code: r.pick(store.postalCodes),
  };
  if (r.chance(0.25)) address.address_line_2 = `${r.pick(UNIT_PREFIXES)} ${1 + r.int(40)}${r.pick(['', 'A', 'B'])}`;
  address.address_type = 'residential';
  return {
    index,
    userId: `${slugOf(firstName)}${slugOf(lastName)}${USER_NUMBER_BASE + index}`,
    firstName,
    lastName,
    phone: `+1${area}55501${String(index % 100).padStart(2, '0')}`,
    address,
    locationCode: store.code,
  };
}

/** The customer index of a demo user id, or null when it is not one of the demo customers. */
export function demoCustomerIndex(config: DemoDataConfig, userId: string): number | null {
  const match = /(\d+)$/.exec(userId);
  if (!match) return null;
  const index = Number(match[1]) - USER_NUMBER_BASE;
  if (index < 0 || index >= customerCount(config.count)) return null;
  return demoCustomerAt(config, index).userId === userId ? index : null;
}

export function demoOrderAt(config: DemoDataConfig, index: number): DemoOrder {
  const customers = customerCount(config.count);
  const r = createRandom(hash2(config.seed, index));
  const customer = demoCustomerAt(config, index < customers ? index : r.int(customers));
  const store = storeByCode(customer.locationCode) as SandboxStore;
  const slot = slotAt(
    storeIndex(store.code),
    localDay(store, config.now) + r.int(6) - 2,
    r.int(SLOT_START_HOURS.length),
  );
  if (!slot) throw new Error(`No slot for demo order ${index}`);
  const ack = 15 * MINUTE;
  let createdAt = slot.start - Math.round((1 + r.next() * 71) * HOUR);
  if (createdAt > config.now - MINUTE) createdAt = config.now - MINUTE - r.int(45) * MINUTE;
  const dispatch = store.dispatch;
  const stageCandidate = Math.max(slot.start - (30 + r.int(60)) * MINUTE, createdAt + ack);
  const itemsCount = 1 + r.int(r.chance(0.8) ? 30 : 80);
  const bagsCount = Math.max(1, Math.ceil(itemsCount / (6 + r.int(4))));
  const fate = r.next();
  const canceled = fate < 0.04;
  const rescheduled = !canceled && !dispatch && fate < 0.07;
  // From the same draw, so adding late orders moved no other order's data: about 4% run late.
  const late = fate >= 0.07 && fate < LATE_BELOW;
  return {
    orderId: demoOrderId(index),
    userId: customer.userId,
    firstName: customer.firstName,
    lastName: customer.lastName,
    phone: customer.phone,
    address: customer.address,
    locationCode: store.code,
    dispatch,
    createdAt,
    windowStart: slot.start,
    windowEnd: slot.end,
    itemsCount,
    bagsCount,
    itemsWeight: Math.round(itemsCount * (5 + r.int(20))) / 10,
    cartTotal: Math.round(itemsCount * (200 + r.int(700))) / 100,
    tipCents: r.chance(0.7) ? (4 + r.int(37)) * 50 : 0,
    alcoholic: store.alcohol && r.chance(0.08),
    leaveUnattended: r.chance(0.3),
    specialInstructions: r.chance(0.2) ? r.pick(SPECIAL_INSTRUCTIONS) : null,
    bagLabel: `${String.fromCharCode(65 + r.int(8))}${String(1 + r.int(40)).padStart(2, '0')}-${slugOf(customer.lastName).toUpperCase()}`,
    locale: r.chance(0.9) ? 'en-US' : r.pick(['es-US', 'fr-CA', 'zh-US']),
    instacartplus: r.chance(0.3),
    stagedAt: dispatch && stageCandidate <= config.now ? stageCandidate : null,
    cancelAt: canceled ? createdAt + ack + Math.round(r.next() * Math.max(0, slot.start - createdAt - ack)) : null,
    cancellationReason: canceled ? r.pick(CANCELLATION_REASONS) : null,
    rescheduleAt: rescheduled ? Math.max(slot.start - 90 * MINUTE, createdAt + ack) : null,
    deliveryMinutes: 25 + r.int(90),
    lateMinutes: late ? 10 + Math.floor(((fate - 0.07) / (LATE_BELOW - 0.07)) * 50) : null,
  };
}

/** Every demo order in order; lazy, so a million can stream into a database without being held. */
export function* demoOrders(config: DemoDataConfig): Generator<DemoOrder> {
  for (let i = 0; i < config.count; i++) yield demoOrderAt(config, i);
}
