import type { StageRow, StageValues } from '../../shared/contract';
import { BAG_LABEL_MAX, BAG_LABEL_TOO_LONG, stageNumberProblem } from '../../shared/stage-values';

export const VALUE_FIELDS = ['bags_count', 'items_count', 'items_weight', 'bag_label'] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];

export const FIELD_LABELS: Record<ValueField, string> = {
  bags_count: 'Bags',
  items_count: 'Items',
  items_weight: 'Weight (lb)',
  bag_label: 'Bag label',
};

/** A row of the preview as the user edits it: every value as typed, '' for "not sent". */
export interface EditableRow {
  orderId: string;
  /** The sheet's line (or position in a list), for errors the user can find in the file. */
  line: number | null;
  values: Record<ValueField, string>;
}

export type RowProblems = Partial<Record<ValueField | 'orderId', string>>;

export interface CheckedRows {
  rows: StageRow[];
  /** Problems by row index; empty when every row can be staged. */
  problems: Map<number, RowProblems>;
}

const text = (value: number | string | undefined) => (value === undefined ? '' : String(value));

export function editableRows(rows: readonly StageRow[]): EditableRow[] {
  return rows.map((row) => ({
    orderId: row.orderId,
    line: row.line ?? null,
    values: {
      bags_count: text(row.bags_count),
      items_count: text(row.items_count),
      items_weight: text(row.items_weight),
      bag_label: text(row.bag_label),
    },
  }));
}

export function emptyValues(): Record<ValueField, string> {
  return { bags_count: '', items_count: '', items_weight: '', bag_label: '' };
}

/** The values typed above the table, set on every row (overwriting what the row had); empty ones change nothing. */
export function applyToAll(rows: readonly EditableRow[], values: Record<ValueField, string>): EditableRow[] {
  const set = VALUE_FIELDS.filter((field) => values[field].trim() !== '');
  return rows.map((row) => ({
    ...row,
    values: { ...row.values, ...Object.fromEntries(set.map((field) => [field, values[field].trim()])) },
  }));
}

/** A typed number, checked against the API's limits; the problem goes to `problems`. */
function numberOf(raw: string, field: Exclude<ValueField, 'bag_label'>, problems: RowProblems): number | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  const problem = Number.isFinite(value)
    ? stageNumberProblem(field, value)
    : `${FIELD_LABELS[field]}: "${trimmed}" is not a number; type digits only, or leave it empty.`;
  if (problem) problems[field] = problem;
  return problem ? undefined : value;
}

/** Typed defaults as the values the preview channel takes (null while one is wrong), problems named by field. */
export function checkDefaults(defaults: Record<ValueField, string>): {
  values: StageValues | null;
  problems: RowProblems;
} {
  const { row, problems } = checkRow({ orderId: 'defaults', line: null, values: defaults });
  if (!row) return { values: null, problems };
  const values: StageValues = {};
  for (const field of VALUE_FIELDS) if (row[field] !== undefined) Object.assign(values, { [field]: row[field] });
  return { values, problems };
}

function checkRow(row: EditableRow): { row: StageRow | null; problems: RowProblems } {
  const problems: RowProblems = {};
  const checked: StageRow = { orderId: row.orderId };
  if (row.line !== null) checked.line = row.line;
  for (const field of ['bags_count', 'items_count', 'items_weight'] as const) {
    const value = numberOf(row.values[field], field, problems);
    if (value !== undefined) checked[field] = value;
  }
  const label = row.values.bag_label.trim();
  if (label.length > BAG_LABEL_MAX) problems.bag_label = BAG_LABEL_TOO_LONG;
  else if (label !== '') checked.bag_label = label;
  return { row: Object.keys(problems).length === 0 ? checked : null, problems };
}

/** Every row checked against the API's limits before a job starts; an order listed twice is a problem too. */
export function checkRows(rows: readonly EditableRow[]): CheckedRows {
  const out: StageRow[] = [];
  const problems = new Map<number, RowProblems>();
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const checked = checkRow(row);
    const id = row.orderId.trim();
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      checked.problems.orderId = `Order ${id} is also in row ${earlier + 1}: remove one of them.`;
    }
    seen.set(id, earlier ?? index);
    if (Object.keys(checked.problems).length > 0) problems.set(index, checked.problems);
    else if (checked.row) out.push(checked.row);
  });
  return { rows: problems.size === 0 ? out : [], problems };
}
