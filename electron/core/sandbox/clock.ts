/** The sandbox's time: every order's lifecycle, token expiry and hold expiry read it; tests move it. */
export interface SandboxClock {
  /** Milliseconds since the epoch. */
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
}

/**
 * A clock that follows real time shifted by an offset (the default), or, when `frozen`, stands still
 * and moves only when told, so a test reads the same time on every call.
 */
export function createSandboxClock(options: { start?: number; frozen?: boolean } = {}): SandboxClock {
  const real = () => Date.now();
  if (options.frozen) {
    let current = options.start ?? real();
    return {
      now: () => current,
      advance: (ms) => void (current += ms),
      set: (ms) => void (current = ms),
    };
  }
  let offset = options.start === undefined ? 0 : options.start - real();
  return {
    now: () => real() + offset,
    advance: (ms) => void (offset += ms),
    set: (ms) => void (offset = ms - real()),
  };
}
