import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/domain';
import type { BatchSummary, StagePreview } from '../../../shared/contract';
import { MAX_LINE_ERRORS } from '../../../shared/limits';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';

let harness: CoreHarness;

beforeAll(async () => {
  harness = await startCoreHarness();
});
afterAll(async () => {
  await harness.close();
});

const fileOf = (name: string, bytes: Buffer) => ({ kind: 'csv-file', name, base64: bytes.toString('base64') });

/** Excel's "Unicode Text": tab-separated, CRLF, UTF-16 little-endian. */
const UNICODE_TEXT = 'order_id\tbags_count\tbag_label\r\nLM-A1\t2\tCafé\r\nLM-B2\t3\tÜber 7\r\n';
const EXPECTED_ROWS = [
  { orderId: 'LM-A1', line: 2, bags_count: 2, bag_label: 'Café' },
  { orderId: 'LM-B2', line: 3, bags_count: 3, bag_label: 'Über 7' },
];

describe('staging sheets and id files sent as files', () => {
  it('reads a UTF-16 sheet with a BOM, as Excel saves "Unicode Text"', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(UNICODE_TEXT, 'utf16le')]);
    const preview = await harness.value<StagePreview>('staging:preview', {
      environmentId: 'sandbox',
      source: fileOf('sheet.txt', bytes),
      defaults: {},
    });
    expect(preview).toEqual({ rows: EXPECTED_ROWS, errors: [], excluded: [] });
  });

  it('reads a UTF-16 sheet without a BOM', async () => {
    const preview = await harness.value<StagePreview>('staging:preview', {
      environmentId: 'sandbox',
      source: fileOf('sheet.txt', Buffer.from(UNICODE_TEXT, 'utf16le')),
      defaults: {},
    });
    expect(preview).toEqual({ rows: EXPECTED_ROWS, errors: [], excluded: [] });
  });

  it('refuses a Latin-1 sheet with "save as UTF-8", and reads nothing of it', async () => {
    const bytes = Buffer.from('order_id,bag_label\nLM-A1,Café\n', 'latin1');
    const result = await harness.call('staging:preview', {
      environmentId: 'sandbox',
      source: fileOf('latin.csv', bytes),
      defaults: {},
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'bad_encoding',
        message: expect.stringMatching(/latin\.csv.*not UTF-8/),
        hint: expect.stringMatching(/CSV UTF-8/),
      },
    });
  });

  it('imports order ids from a UTF-16 file, and refuses a Latin-1 one', async () => {
    const ids = 'order_id\r\nNOPE-Ä1\r\nNOPE-2\r\n';
    const summary = await harness.value<BatchSummary>('orders:import-csv', {
      environmentId: 'sandbox',
      file: fileOf('ids.txt', Buffer.from(ids, 'utf16le')),
    });
    expect(summary.total).toBe(2);
    expect(summary.failed.map((f) => f.orderId)).toEqual(['NOPE-Ä1', 'NOPE-2']);
    const refused = await harness.call('orders:import-csv', {
      environmentId: 'sandbox',
      file: fileOf('ids.csv', Buffer.from(ids, 'latin1')),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_encoding' } });
  });

  it('answers a 19 MB sheet of 1.6 M repeated lines in a small reply, and answers other calls meanwhile', async () => {
    const lines = 1_600_000;
    const csv = `order_id,bags_count\n${'LM1234567,1\n'.repeat(lines)}`;
    expect(csv.length).toBeLessThan(20_000_000);
    const order: string[] = [];
    const big = harness.call<StagePreview>('staging:preview', {
      environmentId: 'sandbox',
      source: { kind: 'csv', csv },
      defaults: {},
    });
    void big.then(() => order.push('sheet'));
    // Issued once the sheet is being read: it is answered between two of the reader's turns.
    await new Promise((resolve) => setImmediate(resolve));
    const info = harness.value<AppInfo>('app:info').then((value) => {
      order.push('app:info');
      return value;
    });
    const [result] = await Promise.all([big, info]);
    expect(order).toEqual(['app:info', 'sheet']);

    expect(result.ok).toBe(true);
    const preview = (result as { ok: true; value: StagePreview }).value;
    expect(JSON.stringify(result).length).toBeLessThan(400_000);
    expect(preview.rows).toEqual([{ orderId: 'LM1234567', line: 2, bags_count: 1 }]);
    expect(preview.errors).toHaveLength(MAX_LINE_ERRORS + 1);
    expect(preview.errors[0]).toMatchObject({ line: 3, orderId: 'LM1234567' });
    const summary = preview.errors.at(-1)!;
    expect(summary).toMatchObject({ line: 3 + MAX_LINE_ERRORS, omitted: lines - 1 - MAX_LINE_ERRORS });
    expect(summary.message).toContain(
      `and ${(lines - 1 - MAX_LINE_ERRORS).toLocaleString('en-US')} more lines like these, not listed: "Order … appears more than once"`,
    );
  }, 180_000);
});
