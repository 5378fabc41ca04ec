/**
 * The limits on a stage request's values (stage-order.txt) and how to say one is broken: the IPC contract
 * checks them with zod, the staging preview screen before a job starts (the renderer bundles no zod).
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
