/**
 * The delivery-window rule of create-order.txt: a requested window (start_at, end_at) is valid for a
 * service option's window when at least one end lies inside the option's window, the start is within
 * two hours of the option's start and the end is within two hours of the option's end (bounds included).
 */
export const WINDOW_SLACK_MS = 2 * 60 * 60 * 1000;

export interface WindowTimes {
  start_at: string;
  end_at: string;
}

export type WindowProblemCode = 'unreadable' | 'end_before_start' | 'none_inside' | 'start_too_far' | 'end_too_far';

export interface WindowProblem {
  code: WindowProblemCode;
  /** The request field the problem is about. */
  key: 'start_at' | 'end_at';
  message: string;
}

/**
 * Inclusive ranges, in epoch milliseconds, where a start and an end can sit in some valid window. Beyond
 * the 2 hours of slack, a start after the option's end (or an end before its start) would leave both
 * ends outside the option, so a slot shorter than 2 hours narrows the ranges to the option itself.
 */
export interface AllowedWindow {
  optionStart: number;
  optionEnd: number;
  startFrom: number;
  startTo: number;
  endFrom: number;
  endTo: number;
}

export function allowedWindow(option: WindowTimes): AllowedWindow | null {
  const optionStart = Date.parse(option.start_at);
  const optionEnd = Date.parse(option.end_at);
  if (Number.isNaN(optionStart) || Number.isNaN(optionEnd)) return null;
  return {
    optionStart,
    optionEnd,
    startFrom: optionStart - WINDOW_SLACK_MS,
    startTo: Math.min(optionStart + WINDOW_SLACK_MS, optionEnd),
    endFrom: Math.max(optionEnd - WINDOW_SLACK_MS, optionStart),
    endTo: optionEnd + WINDOW_SLACK_MS,
  };
}

/** Every way the requested window breaks the rule; an empty list means it is valid. */
export function checkWindow(option: WindowTimes, requested: WindowTimes): WindowProblem[] {
  const allowed = allowedWindow(option);
  const start = Date.parse(requested.start_at);
  const end = Date.parse(requested.end_at);
  if (!allowed) {
    return [{ code: 'unreadable', key: 'start_at', message: "The time slot's window is not a valid ISO 8601 time." }];
  }
  const problems: WindowProblem[] = [];
  if (Number.isNaN(start)) {
    problems.push({ code: 'unreadable', key: 'start_at', message: 'The start is not a valid ISO 8601 time.' });
  }
  if (Number.isNaN(end)) {
    problems.push({ code: 'unreadable', key: 'end_at', message: 'The end is not a valid ISO 8601 time.' });
  }
  if (problems.length > 0) return problems;
  const inside = (t: number) => t >= allowed.optionStart && t <= allowed.optionEnd;
  if (end <= start) {
    problems.push({ code: 'end_before_start', key: 'end_at', message: 'The end must be after the start.' });
  }
  if (!inside(start) && !inside(end)) {
    problems.push({
      code: 'none_inside',
      key: 'start_at',
      message: "At least one of the start or the end must fall inside the time slot's window.",
    });
  }
  // The slack clauses are judged as written: a start past a short option's end breaks "one end inside",
  // not "within 2 hours of the start".
  if (Math.abs(start - allowed.optionStart) > WINDOW_SLACK_MS) {
    problems.push({
      code: 'start_too_far',
      key: 'start_at',
      message: "The start must be within 2 hours of the time slot's start.",
    });
  }
  if (Math.abs(end - allowed.optionEnd) > WINDOW_SLACK_MS) {
    problems.push({
      code: 'end_too_far',
      key: 'end_at',
      message: "The end must be within 2 hours of the time slot's end.",
    });
  }
  return problems;
}
