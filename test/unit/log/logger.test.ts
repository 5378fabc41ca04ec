import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, LOG_FILE } from '../../../electron/core/log/logger';
import { redact } from '../../../electron/core/log/redact';
import { logLeaks } from '../../support/log-scan';
import { tempDir } from '../../support/temp-dir';

const SECRET = 'sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJl';
const PHONES = ['+18005550101', '(800) 555-0101', '800.555.0101', '800-555-0101', '+1 800 555 0101', '8005550101'];
const NAME = 'Rosalind Quennell-Farthingale';

function allLogText(dir: string): string {
  return readdirSync(dir)
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

describe('the log', () => {
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(() => dir?.remove());

  it('keeps secrets, tokens, phone numbers and customer names out of every file', () => {
    dir = tempDir('lastmile-log-');
    const logger = createFileLogger({ dir: dir.path, maxBytes: 3000, keep: 3 });
    for (let round = 0; round < 5; round++) {
      logger.info(`token request with client_secret=${SECRET} answered`);
      logger.warn(`retrying with Authorization: Bearer ${TOKEN}`);
      logger.info('request', { headers: { authorization: `Bearer ${TOKEN}` }, clientSecret: SECRET });
      for (const phone of PHONES) logger.info(`search for ${phone} found 1 order`);
      logger.info('order created', { orderId: 'ORD-1001', customerName: NAME, customer: { firstName: 'Rosalind' } });
      logger.error('update failed', new Error(`the API answered 400 for phone ${PHONES[1]} and ${SECRET}`));
    }
    const files = readdirSync(dir.path);
    expect(files.length, 'the log rotated').toBeGreaterThan(1);
    expect(files.length, 'old files are dropped').toBeLessThanOrEqual(4);
    const text = allLogText(dir.path);
    for (const forbidden of [SECRET, TOKEN, NAME, 'Rosalind', '555-0101', '555 0101', '5550101', '555.0101']) {
      expect(text, forbidden).not.toContain(forbidden);
    }
    expect(text).toContain('ORD-1001');
    expect(text).toContain('[phone]');
    expect(logger.tail(3)).toHaveLength(3);
    expect(logger.tail(3).at(-1)).toMatch(/ error update failed /);
  });

  it('leaves dates, times, counts and job ids readable', () => {
    const line = 'job 0b9e5c1e-3f0a-4d8e-9a51-7c2f4e1d9b3a staged 120 of 125 orders at 2026-12-02T20:15:19.000Z';
    expect(redact(line)).toBe(line);
  });

  it('writes one line per entry with its time and level', () => {
    dir = tempDir('lastmile-log-');
    const logger = createFileLogger({ dir: dir.path, clock: { now: () => Date.parse('2026-12-02T10:00:00Z') } });
    logger.warn('network lost', { environmentId: 'sandbox' });
    expect(readFileSync(join(dir.path, LOG_FILE), 'utf8')).toBe(
      '2026-12-02T10:00:00.000Z warn network lost {"environmentId":"sandbox"}\n',
    );
  });

  it('is scanned by the e2e consoles, which catch a phone, a bearer token or the sandbox secret', () => {
    dir = tempDir('lastmile-log-');
    const logger = createFileLogger({ dir: join(dir.path, 'logs') });
    logger.info(`search for ${PHONES[1]} at 2026-12-02T10:00:00.000Z`, { phone: PHONES[0] });
    expect(logLeaks(dir.path)).toEqual([]);
    mkdirSync(join(dir.path, 'logs'), { recursive: true });
    writeFileSync(join(dir.path, 'logs', 'other.log'), `Bearer ${TOKEN} for ${PHONES[2]}\n`);
    expect(logLeaks(dir.path)).toEqual(['other.log: "Bearer "', 'other.log: a phone number (800.555.0101)']);
  });
});
