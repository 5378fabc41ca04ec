import type { ServiceOption } from '../../../shared/domain';
import { instantOf, wallClockAt } from '../../../shared/zoned-time';
import { hash2 } from './random';
import type { SandboxStore } from './stores';
import { STORES } from './stores';
import { DAY, HOUR, iso } from './time';

/** Two-hour slots from 08:00 to 20:00, store time. */
export const SLOT_START_HOURS = [8, 10, 12, 14, 16, 18] as const;
const SLOT_LENGTH = 2 * HOUR;
/** How many days ahead the list shows, today included. */
export const LISTED_DAYS = 4;

export interface Slot {
  id: number;
  store: SandboxStore;
  /** Days since the epoch, store time. */
  day: number;
  slot: number;
  start: number;
  end: number;
}

/** The store-local day of an instant, as days since the epoch of its calendar date. */
export function localDay(store: SandboxStore, t: number): number {
  const wall = wallClockAt(t, store.timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day) / DAY;
}

/** An option id says which store, day and slot it is, so any option is known without storing it. */
export function slotAt(storeIndex: number, day: number, slot: number): Slot | null {
  const store = STORES[storeIndex];
  const hour = SLOT_START_HOURS[slot];
  if (!store || hour === undefined || day < 0 || storeIndex >= 1000) return null;
  const date = new Date(day * DAY);
  const wall = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), minute: 0 };
  const start = instantOf({ ...wall, hour }, store.timeZone);
  // Two hours of clock time: a slot across a change of clocks is still two hours long.
  return { id: day * 10_000 + storeIndex * 10 + slot, store, day, slot, start, end: start + SLOT_LENGTH };
}

export function slotById(id: number): Slot | null {
  if (!Number.isSafeInteger(id) || id < 0) return null;
  return slotAt(Math.floor(id / 10) % 1000, Math.floor(id / 10_000), id % 10);
}

/** About one slot in ten is full, the same ones on every run. */
function isFull(slot: Slot): boolean {
  return hash2(slot.id, 0x51a7) % 10 === 0;
}

/** Bookable now: not started yet and not full. */
export function availability(slot: Slot, now: number): ServiceOption['availability'] {
  if (slot.start <= now) return { available: false, reasons: ['past_cutoff'] };
  if (isFull(slot)) return { available: false, reasons: ['no_capacity'] };
  return { available: true, reasons: [] };
}

export function toServiceOption(slot: Slot, now: number): ServiceOption {
  const local = new Date(slot.day * DAY);
  return {
    id: slot.id,
    date: local.toISOString().slice(0, 10),
    window: { start_at: iso(slot.start), end_at: iso(slot.end) },
    availability: availability(slot, now),
  };
}

/** The slots still ahead for a store, from now through the coming days. */
export function listSlots(storeIndex: number, now: number): Slot[] {
  const store = STORES[storeIndex];
  if (!store) return [];
  const today = localDay(store, now);
  const slots: Slot[] = [];
  for (let day = today; day < today + LISTED_DAYS; day++) {
    for (let s = 0; s < SLOT_START_HOURS.length; s++) {
      const slot = slotAt(storeIndex, day, s);
      if (slot && slot.start > now) slots.push(slot);
    }
  }
  return slots;
}
