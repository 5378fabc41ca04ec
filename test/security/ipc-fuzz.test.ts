import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../shared/contract';
import { channelNames, channels } from '../../shared/contract';
import type { FuzzCore } from './support/fuzz-core';
import { settledSnapshot, snapshotDir, startFuzzCore, TRUSTED_SENDER } from './support/fuzz-core';
import { rejectionProblem, resultProblem, withTimeout } from './support/fuzz-checks';
import { fuzzPayloads, objectPaths, withUnknownField } from './support/payloads';
import { seedsOf, VALID_INPUTS } from './support/valid-inputs';

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

/** Collects up to five problems, each with the payload that caused it. */
function problemLog() {
  const problems: string[] = [];
  return {
    problems,
    report(payload: unknown, problem: string | null) {
      if (problem && problems.length < 5) problems.push(`${problem}\n    payload: ${fc.stringify(payload)}`);
    },
  };
}

/**
 * 10,000 random and mutated payloads per channel through the real dispatcher and the real core.
 * First every invalid one, for every channel: each is refused with a clear invalid_input error, none
 * reaches the core, and the data folder stays byte for byte the same. Then every valid-looking one,
 * which may reach the core and must get a Result (never a bug, never a hang). In that order, so work
 * started by a valid payload cannot be mistaken for a write by a refused one.
 */
describe('IPC fuzzing through the real dispatcher and core', () => {
  let fuzz: FuzzCore;
  let baseline: Record<string, string>;
  const validPayloads = new Map<ChannelName, unknown[]>();

  beforeAll(async () => {
    fuzz = await startFuzzCore();
    baseline = await settledSnapshot(fuzz.dataDir);
  });
  afterAll(() => fuzz?.close());

  it('has a valid seed input for every channel', () => {
    for (const name of channelNames) {
      for (const seed of seedsOf(name)) expect(channels[name].input.safeParse(seed).success, name).toBe(true);
    }
  });

  it('refuses an unknown field at every level of every channel input (no mass assignment)', async () => {
    const accepted: string[] = [];
    for (const name of channelNames) {
      for (const seed of seedsOf(name)) {
        for (const path of objectPaths(seed)) {
          const payload = withUnknownField(seed, path);
          const result = await fuzz.dispatch(name, payload, TRUSTED_SENDER);
          if (result.ok || result.error.code !== 'invalid_input' || !result.error.message.includes('surprise')) {
            accepted.push(`${name} at ${path.join('.') || '(top level)'}`);
          }
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it.each(channelNames.map((name) => [name]))('%s: refuses every invalid payload clearly', async (name) => {
    const schema = channels[name].input;
    const payloads = fuzzPayloads(VALID_INPUTS[name], PAYLOADS_PER_CHANNEL, SEED + channelNames.indexOf(name));
    const { problems, report } = problemLog();
    const valid: unknown[] = [];
    for (const payload of payloads) {
      const parsed = schema.safeParse(payload);
      if (parsed.success) {
        valid.push(payload);
        continue;
      }
      const result = await fuzz.dispatch(name, payload, TRUSTED_SENDER);
      report(payload, rejectionProblem(name, parsed.error.issues, result));
    }
    validPayloads.set(name, valid);
    expect(problems).toEqual([]);
    expect(fuzz.calls.get(name) ?? 0, 'an invalid payload reached the core').toBe(0);
    // Mutations must exercise the refusal path hard, not just produce valid inputs.
    expect(PAYLOADS_PER_CHANNEL - valid.length).toBeGreaterThan(PAYLOADS_PER_CHANNEL / 2);
  });

  it('left the data folder byte for byte unchanged while refusing (SQLite file, WAL, settings)', () => {
    expect(Object.keys(baseline).length, 'the core keeps nothing in its data folder?').toBeGreaterThan(0);
    expect(snapshotDir(fuzz.dataDir)).toEqual(baseline);
  });

  it.each(channelNames.map((name) => [name]))('%s: answers valid-looking payloads with a Result', async (name) => {
    const { problems, report } = problemLog();
    const valid = validPayloads.get(name);
    expect(valid, 'the refusal pass ran first').toBeDefined();
    for (const payload of (valid ?? []).slice(0, VALID_PER_CHANNEL)) {
      const result = await withTimeout(fuzz.dispatch(name, payload, TRUSTED_SENDER), HANDLER_TIMEOUT_MS, name);
      report(payload, resultProblem(result));
    }
    expect(problems).toEqual([]);
    expect(fuzz.bugs.filter((b) => b.channel === name)).toEqual([]);
  });
});
