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

/** Inclusive ranges, in epoch milliseconds, the rule allows for the start and for the end. */
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
    startTo: optionStart + WINDOW_SLACK_MS,
    endFrom: optionEnd - WINDOW_SLACK_MS,
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
  if (start < allowed.startFrom || start > allowed.startTo) {
    problems.push({
      code: 'start_too_far',
      key: 'start_at',
      message: "The start must be within 2 hours of the time slot's start.",
    });
  }
  if (end < allowed.endFrom || end > allowed.endTo) {
    problems.push({
      code: 'end_too_far',
      key: 'end_at',
      message: "The end must be within 2 hours of the time slot's end.",
    });
  }
  return problems;
}
