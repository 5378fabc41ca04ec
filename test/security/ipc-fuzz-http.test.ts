import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDist } from '../../electron/launch/paths';
import type { BrowserHost } from '../../electron/browser-host';
import { startBrowserHost } from '../../electron/browser-host';
import { channelNames, channels } from '../../shared/contract';
import type { FuzzCore } from './support/fuzz-core';
import { snapshotDir, startFuzzCore, TRUSTED_SENDER } from './support/fuzz-core';
import { rejectionProblem } from './support/fuzz-checks';
import { fuzzPayloads } from './support/payloads';
import { rawRequest } from './support/raw-http';
import { VALID_INPUTS } from './support/valid-inputs';

const SAMPLE_PER_CHANNEL = 15;
const SEED = Number(process.env.LASTMILE_FUZZ_SEED ?? 20_261_123) + 7;

/** What survives the trip through JSON, as the browser host receives it; null when it cannot be sent. */
function overHttp(payload: unknown): { body: string; input: unknown } | null {
  try {
    const body = JSON.stringify({ input: payload });
    return { body, input: (JSON.parse(body) as { input?: unknown }).input };
  } catch {
    return null;
  }
}

/**
 * A sample of the fuzz payloads through the browser host: the same refusal as in-process, byte for
 * byte, and nothing written; then random request bodies, which get a clear error, never a crash.
 */
describe('IPC fuzzing through the browser host', () => {
  let fuzz: FuzzCore;
  let host: BrowserHost;
  let headers: Record<string, string>;

  beforeAll(async () => {
    fuzz = await startFuzzCore();
    // The host checks Host, Origin and the token; the dispatcher then trusts its own page.
    const dispatch: typeof fuzz.dispatch = (channel, input) => fuzz.dispatch(channel, input, TRUSTED_SENDER);
    host = await startBrowserHost({ dispatch, staticDir: rendererDist });
    headers = { host: `127.0.0.1:${host.port}`, 'x-lastmile-token': host.token, 'content-type': 'application/json' };
  });
  afterAll(async () => {
    await host?.close();
    await fuzz?.close();
  });

  it(`refuses ${SAMPLE_PER_CHANNEL} invalid payloads per channel exactly as the dispatcher does`, async () => {
    const before = snapshotDir(fuzz.dataDir);
    const problems: string[] = [];
    let sent = 0;
    for (const [index, name] of channelNames.entries()) {
      const sample = fuzzPayloads(VALID_INPUTS[name], SAMPLE_PER_CHANNEL * 4, SEED + index)
        .map(overHttp)
        .filter((wire): wire is NonNullable<typeof wire> => wire !== null)
        .filter((wire) => !channels[name].input.safeParse(wire.input).success)
        .slice(0, SAMPLE_PER_CHANNEL);
      for (const wire of sample) {
        const response = await rawRequest(host.port, `/api/${name}`, { method: 'POST', headers, body: wire.body });
        const answer = JSON.parse(response.body) as unknown;
        const issues = channels[name].input.safeParse(wire.input).error?.issues ?? [];
        const problem =
          response.status !== 200
            ? `status ${response.status}`
            : (rejectionProblem(name, issues, answer) ??
              (JSON.stringify(answer) === JSON.stringify(await fuzz.dispatch(name, wire.input, TRUSTED_SENDER))
                ? null
                : 'differs from the in-process answer'));
        if (problem && problems.length < 5) problems.push(`${name}: ${problem}\n    body: ${wire.body.slice(0, 300)}`);
        sent += 1;
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(channelNames.length * (SAMPLE_PER_CHANNEL / 2));
    expect(
      [...fuzz.calls.values()].reduce((a, b) => a + b, 0),
      'a refused payload reached the core',
    ).toBe(0);
    expect(snapshotDir(fuzz.dataDir)).toEqual(before);
  });

  it('answers random request bodies with a clear error, never a crash', async () => {
    const bodies = fc.sample(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.json({ maxDepth: 3 }),
        fc.constantFrom('', '{', '[]', 'null', '{"input"'),
      ),
      { numRuns: 200, seed: SEED },
    );
    for (const [index, body] of bodies.entries()) {
      const name = channelNames[index % channelNames.length] ?? 'app:info';
      const response = await rawRequest(host.port, `/api/${name}`, { method: 'POST', headers, body });
      expect([200, 400], body).toContain(response.status);
      const answer = JSON.parse(response.body) as { ok: boolean; error?: { code: string; message: string } };
      expect(typeof answer.ok, body).toBe('boolean');
      if (response.status === 400) expect(answer.error?.code, body).toBe('invalid_json');
      if (!answer.ok) expect(answer.error?.message, body).toBeTruthy();
    }
    expect(fuzz.bugs).toEqual([]);
  });
});
