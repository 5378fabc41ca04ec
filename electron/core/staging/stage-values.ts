import type { StageRow, StageValues } from '../../../shared/contract';
import { MAX_ORDER_ID_LENGTH, stageDefaults } from '../../../shared/contract';
import { orderIdProblem } from '../../../shared/order-id';

/** The most orders one job stages (the contract's limit on `staging:start`). */
export const MAX_JOB_ORDERS = 5000;

export const VALUE_KEYS = ['items_count', 'bags_count', 'items_weight', 'bag_label'] as const;

/** What is wrong with an order id, naming where it should be; null when it is fine. */
export function checkOrderId(orderId: string, where: string): string | null {
  if (orderId === '') return `The order id is empty: fill in the ${where} or remove the line.`;
  if (orderId.length > MAX_ORDER_ID_LENGTH) {
    return `The order id is longer than ${MAX_ORDER_ID_LENGTH} characters: check that the ${where} holds order ids.`;
  }
  return orderIdProblem(orderId);
}

/** The API's limits on the stage values (the contract's schema), as sentences naming the column. */
export function valueProblems(values: StageValues): string[] {
  const picked = Object.fromEntries(VALUE_KEYS.filter((k) => values[k] !== undefined).map((k) => [k, values[k]]));
  const parsed = stageDefaults.safeParse(picked);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

/** The row's own values, and the defaults for those it leaves empty. */
export function withDefaults(row: StageRow, defaults: StageValues): StageRow {
  const merged: StageRow = { ...row };
  for (const key of VALUE_KEYS) {
    if (merged[key] === undefined && defaults[key] !== undefined)
      (merged as Record<string, unknown>)[key] = defaults[key];
  }
  return merged;
}

/** The values a stage request sends for a row. */
export function valuesOf(row: StageValues): StageValues {
  const values: StageValues = {};
  for (const key of VALUE_KEYS) {
    if (row[key] !== undefined) (values as Record<string, unknown>)[key] = row[key];
  }
  return values;
}
