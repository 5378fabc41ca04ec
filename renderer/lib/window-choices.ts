import type { AllowedWindow } from '../../shared/window-rule';

const STEP_MS = 15 * 60 * 1000;
/** Choices reach an hour past what the rule allows, so a window outside it can be picked and explained. */
const MARGIN_MS = 60 * 60 * 1000;

export interface TimeChoice {
  iso: string;
  at: number;
  allowed: boolean;
}

/** ISO 8601 in UTC without milliseconds, as the API writes times. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function choices(from: number, to: number, allowedFrom: number, allowedTo: number): TimeChoice[] {
  const list: TimeChoice[] = [];
  for (let at = from; at <= to; at += STEP_MS) {
    list.push({ iso: isoAt(at), at, allowed: at >= allowedFrom && at <= allowedTo });
  }
  return list;
}

export function startChoices(allowed: AllowedWindow): TimeChoice[] {
  return choices(allowed.startFrom - MARGIN_MS, allowed.startTo + MARGIN_MS, allowed.startFrom, allowed.startTo);
}

export function endChoices(allowed: AllowedWindow): TimeChoice[] {
  return choices(allowed.endFrom - MARGIN_MS, allowed.endTo + MARGIN_MS, allowed.endFrom, allowed.endTo);
}

/** Where [from, to] sits on a track spanning [lo, hi], in percent, for the window diagram. */
export function span(from: number, to: number, lo: number, hi: number): { left: string; width: string } {
  const total = hi - lo || 1;
  const left = Math.max(0, Math.min(100, ((from - lo) / total) * 100));
  const right = Math.max(0, Math.min(100, ((to - lo) / total) * 100));
  return { left: `${left}%`, width: `${Math.max(0.5, right - left)}%` };
}
