import type { AppError } from '../../shared/result';

/**
 * The API and the IPC boundary name the same field in several ways ("order.start_at",
 * "changes.initial_tip_cents", "user.phone_number", "postal_code"); the forms use the request's names.
 */
const ALIASES: Readonly<Record<string, string>> = {
  'user.phone_number': 'user_phone',
  user_id: 'userId',
  postal_code: 'address.postal_code',
  address_line_1: 'address.address_line_1',
  address_line_2: 'address.address_line_2',
  address_type: 'address.address_type',
};
const PREFIXES = ['order.', 'changes.'];

export function fieldOf(key: string | undefined): string | undefined {
  if (!key) return undefined;
  let name = key;
  for (const prefix of PREFIXES) if (name.startsWith(prefix)) name = name.slice(prefix.length);
  return ALIASES[name] ?? name;
}

/** Each single problem of an error: its details when it has several, else itself. */
export function problemsOf(error: AppError | null | undefined): AppError[] {
  if (!error) return [];
  if (!error.details?.length) return [error];
  return error.details;
}

export interface FieldErrors {
  /** The problems about one field of the form. */
  on(field: string): AppError[];
  /** Problems about no field the form shows: they belong in the summary. */
  unplaced: AppError[];
  all: AppError[];
}

/**
 * Sorts an error's problems onto the form's fields. A problem about a group ("address") is placed
 * on the group when the form names it in `fields`.
 */
export function placeErrors(error: AppError | null | undefined, fields: readonly string[]): FieldErrors {
  const all = problemsOf(error);
  const byField = new Map<string, AppError[]>();
  const unplaced: AppError[] = [];
  for (const problem of all) {
    const field = fieldOf(problem.key);
    if (field && fields.includes(field)) byField.set(field, [...(byField.get(field) ?? []), problem]);
    else unplaced.push(problem);
  }
  return { on: (field) => byField.get(field) ?? [], unplaced, all };
}

/**
 * A problem's message without the key the API put in front of it ("first_name: First name is invalid"):
 * the form names the field by its label instead.
 */
export function plainMessage(problem: AppError): string {
  const prefix = problem.key ? `${problem.key}: ` : '';
  return prefix && problem.message.startsWith(prefix) ? problem.message.slice(prefix.length) : problem.message;
}

/** The headline of an error: for several problems, the API's summary without the list repeated after it. */
export function headline(error: AppError): string {
  if (!error.details?.length) return plainMessage(error);
  const cut = error.message.indexOf(': ');
  return cut > 0 ? error.message.slice(0, cut) : error.message;
}
