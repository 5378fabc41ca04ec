import type { z } from 'zod';
import type { AppError, Result } from '../../../shared/result';

const keyOf = (issue: z.core.$ZodIssue) => issue.path.map(String).join('.');

/**
 * What a rejection must look like: an invalid_input Result whose message names the channel and the
 * first field at fault, with one detail per problem naming its field. Returns what is wrong, or null.
 */
export function rejectionProblem(channel: string, issues: readonly z.core.$ZodIssue[], result: unknown): string | null {
  const answer = result as Result<unknown>;
  if (answer?.ok !== false) return 'an invalid input was accepted';
  const error: AppError = answer.error;
  if (error.code !== 'invalid_input') return `code ${error.code}, expected invalid_input`;
  if (!error.message.includes(channel)) return `the message does not name the channel: ${error.message}`;
  if (!error.hint) return 'no hint';
  const expectedKeys = issues.map(keyOf);
  const detailKeys = (error.details ?? []).map((d) => d.key ?? '');
  if (detailKeys.length !== expectedKeys.length || detailKeys.some((key, i) => key !== expectedKeys[i])) {
    return `details name ${JSON.stringify(detailKeys)}, the problems are at ${JSON.stringify(expectedKeys)}`;
  }
  const first = expectedKeys[0] ?? '';
  if (first && (error.key !== first || !error.message.includes(first))) {
    return `the field ${first} is not named: key ${error.key}, message ${error.message}`;
  }
  if (!first && !error.message.includes(issues[0]?.message ?? '\u0000')) {
    return `the problem is not described: ${error.message}`;
  }
  return null;
}

/** What any answer must look like: a Result, and a failure carries a code and a message. */
export function resultProblem(result: unknown): string | null {
  const answer = result as Result<unknown>;
  if (answer === null || typeof answer !== 'object' || typeof answer.ok !== 'boolean') return 'not a Result';
  if (answer.ok) return null;
  if (typeof answer.error?.code !== 'string' || !answer.error.message) return 'a failure without code or message';
  if (answer.error.code === 'internal') return `internal error: ${answer.error.message}`;
  return null;
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
