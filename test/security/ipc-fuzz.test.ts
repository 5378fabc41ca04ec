import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels } from '../../shared/contract';
import type { FuzzCore } from './support/fuzz-core';
import { snapshotDir, startFuzzCore, TRUSTED_SENDER } from './support/fuzz-core';
import { rejectionProblem, resultProblem, withTimeout } from './support/fuzz-checks';
import { fuzzPayloads, objectPaths, withUnknownField } from './support/payloads';
import { VALID_INPUTS } from './support/valid-inputs';

const PAYLOADS_PER_CHANNEL = 10_000;
/** Fixed so a failure replays; set LASTMILE_FUZZ_SEED to explore other payloads. */
const SEED = Number(process.env.LASTMILE_FUZZ_SEED ?? 20_261_123);
const HANDLER_TIMEOUT_MS = 10_000;
/**
 * Valid payloads reach the real handlers, which call the in-process sandbox and write the audit log;
 * a sample of them keeps the run linear (each audit export re-reads the whole log the earlier
 * channels filled).
 */
const VALID_PER_CHANNEL = 100;

/**
 * 10,000 random and mutated payloads per channel through the real dispatcher and the real core:
 * every invalid one is refused with a clear invalid_input error without reaching the core or touching
 * the data folder, and every valid-looking one gets a Result (never a bug, never a hang).
 */
describe('IPC fuzzing through the real dispatcher and core', () => {
  let fuzz: FuzzCore;

  beforeAll(async () => {
    fuzz = await startFuzzCore();
  });
  afterAll(() => fuzz?.close());

  it('has a valid seed input for every channel', () => {
    for (const name of channelNames) {
      expect(channels[name].input.safeParse(VALID_INPUTS[name]).success, name).toBe(true);
    }
  });

  it('refuses an unknown field at every level of every channel input (no mass assignment)', async () => {
    const accepted: string[] = [];
    for (const name of channelNames) {
      for (const path of objectPaths(VALID_INPUTS[name])) {
        const payload = withUnknownField(VALID_INPUTS[name], path);
        const result = await fuzz.dispatch(name, payload, TRUSTED_SENDER);
        if (result.ok || result.error.code !== 'invalid_input' || !result.error.message.includes('surprise')) {
          accepted.push(`${name} at ${path.join('.') || '(top level)'}`);
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it.each(channelNames.map((name) => [name]))('%s', async (name) => {
    const schema = channels[name].input;
    const payloads = fuzzPayloads(VALID_INPUTS[name], PAYLOADS_PER_CHANNEL, SEED + channelNames.indexOf(name));
    const verdicts = payloads.map((payload) => ({ payload, parsed: schema.safeParse(payload) }));
    const invalid = verdicts.filter((v) => !v.parsed.success);
    const valid = verdicts.filter((v) => v.parsed.success);
    const problems: string[] = [];
    const report = (payload: unknown, problem: string | null) => {
      if (problem && problems.length < 5) problems.push(`${problem}\n    payload: ${fc.stringify(payload)}`);
    };

    const before = snapshotDir(fuzz.dataDir);
    const callsBefore = fuzz.calls.get(name) ?? 0;
    for (const { payload, parsed } of invalid) {
      const result = await fuzz.dispatch(name, payload, TRUSTED_SENDER);
      report(payload, rejectionProblem(name, parsed.error?.issues ?? [], result));
    }
    expect(problems).toEqual([]);
    expect(fuzz.calls.get(name) ?? 0, 'an invalid payload reached the core').toBe(callsBefore);
    expect(snapshotDir(fuzz.dataDir), 'refused payloads changed the data folder').toEqual(before);

    for (const { payload } of valid.slice(0, VALID_PER_CHANNEL)) {
      const result = await withTimeout(fuzz.dispatch(name, payload, TRUSTED_SENDER), HANDLER_TIMEOUT_MS, name);
      report(payload, resultProblem(result));
    }
    expect(problems).toEqual([]);
    expect(fuzz.bugs.filter((b) => b.channel === name)).toEqual([]);
    // Mutations must exercise the refusal path hard, not just produce valid inputs.
    expect(invalid.length).toBeGreaterThan(PAYLOADS_PER_CHANNEL / 2);
  });
});
