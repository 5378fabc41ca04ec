/** One error as the API reports it: an HTTP status plus the body's message, code and meta. */
export interface Problem {
  status: number;
  message: string;
  code: number | null;
  /** Absent where the pages say "Not applicable". */
  meta?: Record<string, unknown>;
}

export function problem(status: number, message: string, code: number | null, meta?: Record<string, unknown>): Problem {
  return meta ? { status, message, code, meta } : { status, message, code };
}

/** Thrown by a rule to answer with these problems; several 400s become the multiple-errors shape. */
export class ProblemReply extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem | Problem[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map((p) => p.message).join('; '));
    this.problems = list;
  }
}
