import type { StageRow, StageValues } from './contract/staging';
import { MAX_ORDER_ID } from './limits';
import { orderIdProblem } from './order-id';

/**
 * The limits on a stage request's values (stage-order.txt) and how to say one is broken: the IPC contract
 * checks them with zod, the sheet reader and the staging preview screen with the functions below (this
 * module imports no zod, so the renderer, which bundles none, can use it).
 */
export const STAGE_VALUE_RULES = {
  items_count: {
    integer: true,
    max: 100_000,
    notInteger: 'The items count is a whole number.',
    negative: 'The items count cannot be negative.',
    tooLarge: 'The items count is at most 100,000.',
  },
  bags_count: {
    integer: true,
    max: 10_000,
    notInteger: 'The bags count is a whole number.',
    negative: 'The bags count cannot be negative.',
    tooLarge: 'The bags count is at most 10,000.',
  },
  items_weight: {
    integer: false,
    max: 100_000,
    notInteger: '',
    negative: 'The weight cannot be negative.',
    tooLarge: 'The weight is at most 100,000 lb.',
  },
} as const;

export const BAG_LABEL_MAX = 64;
export const BAG_LABEL_TOO_LONG = `A bag label is at most ${BAG_LABEL_MAX} characters.`;

export type NumericStageField = keyof typeof STAGE_VALUE_RULES;

/** What is wrong with a number for a stage field; null when the API takes it. */
export function stageNumberProblem(field: NumericStageField, value: number): string | null {
  const rule = STAGE_VALUE_RULES[field];
  if (rule.integer && !Number.isInteger(value)) return rule.notInteger;
  if (value < 0) return rule.negative;
  if (value > rule.max) return rule.tooLarge;
  return null;
}

export const VALUE_KEYS = ['items_count', 'bags_count', 'items_weight', 'bag_label'] as const;

/** The API's limits on the stage values, as sentences naming the column (in the contract's field order). */
export function valueProblems(values: StageValues): string[] {
  const problems: string[] = [];
  for (const field of Object.keys(STAGE_VALUE_RULES) as NumericStageField[]) {
    const value = values[field];
    const problem = value === undefined ? null : stageNumberProblem(field, value);
    if (problem) problems.push(`${field}: ${problem}`);
  }
  if (values.bag_label !== undefined && values.bag_label.length > BAG_LABEL_MAX) {
    problems.push(`bag_label: ${BAG_LABEL_TOO_LONG}`);
  }
  return problems;
}

/** What is wrong with an order id, naming where it should be; null when it is fine. */
export function checkOrderId(orderId: string, where: string): string | null {
  if (orderId === '') return `The order id is empty: fill in the ${where} or remove the line.`;
  if (orderId.length > MAX_ORDER_ID) {
    return `The order id is longer than ${MAX_ORDER_ID} characters: check that the ${where} holds order ids.`;
  }
  return orderIdProblem(orderId);
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
