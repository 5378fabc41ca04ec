import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconnectTimer } from '../../../electron/core/connect/reconnect-timer';

describe('ReconnectTimer', () => {
  let checks: string[];
  let timer: ReconnectTimer;

  beforeEach(() => {
    vi.useFakeTimers();
    checks = [];
    timer = new ReconnectTimer(
      async (id) => {
        checks.push(id);
      },
      [100, 200, 400],
    );
  });
  afterEach(() => {
    timer.close();
    vi.useRealTimers();
  });

  it('checks after a wait that grows while the API stays unreachable, up to the last one', () => {
    const at: number[] = [];
    const start = Date.now();
    timer = new ReconnectTimer(async () => {
      at.push(Date.now() - start);
      // The check failed: the client records it as unreachable again.
      timer.unreachable('dev');
    }, [100, 200, 400]);
    timer.unreachable('dev');
    vi.advanceTimersByTime(1_500);
    expect(at).toEqual([100, 300, 700, 1100, 1500]);
  });

  it('schedules one check however many calls fail meanwhile', () => {
    timer.unreachable('dev');
    timer.unreachable('dev');
    vi.advanceTimersByTime(50);
    timer.unreachable('dev');
    vi.advanceTimersByTime(1_000);
    expect(checks).toEqual(['dev']);
  });

  it('stops when the environment answers, and starts again from the shortest wait', () => {
    timer.unreachable('dev');
    vi.advanceTimersByTime(100);
    timer.unreachable('dev');
    timer.reachable('dev');
    vi.advanceTimersByTime(1_000);
    expect(checks).toEqual(['dev']);
    timer.unreachable('dev');
    vi.advanceTimersByTime(100);
    expect(checks).toEqual(['dev', 'dev']);
  });

  it('watches only the latest environment, and nothing once closed', () => {
    timer.unreachable('dev');
    timer.reachable('prod');
    timer.unreachable('prod');
    vi.advanceTimersByTime(1_000);
    expect(checks).toEqual(['prod']);
    timer.unreachable('prod');
    timer.close();
    timer.unreachable('prod');
    vi.advanceTimersByTime(1_000);
    expect(checks).toEqual(['prod']);
  });
});
