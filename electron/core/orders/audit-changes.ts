import type { AuditChange, OrderRecord, updateOrderSchema } from '../../../shared/contract';
import { formatCents } from '../../../shared/money';
import { formatZonedWindow } from '../../../shared/zoned-time';
import type { z } from 'zod';

type Changes = z.output<typeof updateOrderSchema>;

/** One audit entry of an update: window, tip and details are told apart, so "who changed my tip?" has an answer. */
export interface UpdateAuditPart {
  action: 'order.window' | 'order.tip' | 'order.details';
  request: Partial<Changes>;
  changes: AuditChange[];
}

const DETAILS = [
  ['items_count', 'items', 'itemsCount'],
  ['bags_count', 'bags', 'bagsCount'],
  ['items_weight', 'weight (lbs)', 'itemsWeight'],
  ['cart_total', 'cart total', 'cartTotal'],
  ['alcoholic', 'alcoholic', 'alcoholic'],
  ['special_instructions', 'special instructions', 'specialInstructions'],
] as const;

function shown(value: string | number | boolean | null | undefined, key: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'cart_total' && typeof value === 'number') return `$${value.toFixed(2)}`;
  return String(value);
}

function windowText(start: string | null | undefined, end: string | null | undefined, zone: string): string | null {
  const from = Date.parse(start ?? '');
  const to = Date.parse(end ?? '');
  return Number.isNaN(from) || Number.isNaN(to) ? null : formatZonedWindow(from, to, zone);
}

/**
 * The audit entries of one update request, each with what it changes before -> after as people read
 * it ("tip $5.00 -> $7.50", a window in the store's zone); `before` is the console's copy of the order.
 */
export function updateAuditParts(changes: Changes, before: OrderRecord | null, zone: string): UpdateAuditPart[] {
  const parts: UpdateAuditPart[] = [];
  if (changes.start_at !== undefined || changes.end_at !== undefined || changes.service_option_id !== undefined) {
    const { start_at, end_at, service_option_id } = changes;
    parts.push({
      action: 'order.window',
      request: { start_at, end_at, service_option_id },
      changes: [
        {
          field: 'window',
          from: windowText(before?.windowStartsAt, before?.windowEndsAt, zone),
          to: windowText(start_at, end_at, zone),
        },
      ],
    });
  }
  if (changes.initial_tip_cents !== undefined) {
    const from = before?.tipCents;
    parts.push({
      action: 'order.tip',
      request: { initial_tip_cents: changes.initial_tip_cents },
      changes: [
        {
          field: 'tip',
          from: from === null || from === undefined ? null : formatCents(from),
          to: formatCents(changes.initial_tip_cents),
        },
      ],
    });
  }
  const details = DETAILS.filter(([key]) => changes[key] !== undefined);
  if (details.length > 0) {
    parts.push({
      action: 'order.details',
      request: Object.fromEntries(details.map(([key]) => [key, changes[key]])),
      changes: details.map(([key, field, column]) => ({
        field,
        from: shown(before?.[column], key),
        to: shown(changes[key], key),
      })),
    });
  }
  return parts;
}
