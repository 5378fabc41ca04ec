import type { z } from 'zod';
import type { AppError, Result } from '../result';
import { fail, ok } from '../result';

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join('.');
}

/** Turns zod's issues into one AppError whose details name each field, for forms and for the IPC boundary. */
export function issuesToError(issues: readonly z.core.$ZodIssue[], what: string): AppError {
  const details: AppError[] = issues.map((issue) => {
    const key = pathOf(issue);
    return { code: 'invalid_input', message: issue.message, ...(key ? { key } : {}) };
  });
  const first = details[0];
  const summary = details
    .slice(0, 5)
    .map((d) => (d.key ? `${d.key}: ${d.message}` : d.message))
    .join('; ');
  return {
    code: 'invalid_input',
    message: `${what} was not accepted: ${summary}${details.length > 5 ? ` (and ${details.length - 5} more)` : ''}.`,
    hint: 'Correct the fields named above and try again; nothing was changed.',
    ...(first?.key ? { key: first.key } : {}),
    details,
  };
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): Result<z.output<S>> {
  const parsed = schema.safeParse(value);
  return parsed.success ? ok(parsed.data) : fail(issuesToError(parsed.error.issues, what));
}
