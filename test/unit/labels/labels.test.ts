import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { OrderRecord } from '../../../shared/contract';
import { bagLabelsOf } from '../../../electron/core/labels/bag-labels';
import { labelsPdf } from '../../../electron/core/labels/label-pdf';
import { labelsZpl, zplField } from '../../../electron/core/labels/label-zpl';

const require = createRequire(import.meta.url);

/** Only the fields a label reads; the rest of a record is irrelevant to this unit. */
function order(fields: Partial<OrderRecord> & { orderId: string }): OrderRecord {
  return {
    userId: null,
    status: 'brand_new',
    storeLocation: '1002',
    windowStartsAt: '2026-12-02T20:00:00Z',
    windowEndsAt: '2026-12-02T22:00:00Z',
    firstName: null,
    lastName: null,
    phone: null,
    addressLine1: null,
    postalCode: null,
    bagLabel: null,
    fetchedAt: '2026-12-02T19:00:00Z',
    locationCode: '1002',
    address: null,
    itemsCount: null,
    bagsCount: null,
    itemsWeight: null,
    tipCents: null,
    cartTotal: null,
    alcoholic: null,
    specialInstructions: null,
    locale: null,
    createdAt: null,
    deliveredAt: null,
    orderUrl: null,
    cancellationReason: null,
    raw: null,
    ...fields,
  };
}

const orders = [
  order({ orderId: 'LM0001234', bagsCount: 3, lastName: 'O’Brien', bagLabel: 'B-17' }),
  order({
    orderId: 'LM0005678',
    storeLocation: '2001',
    windowStartsAt: '2026-12-02T17:00:00Z',
    windowEndsAt: '2026-12-02T19:00:00Z',
  }),
];
const zoneOf = (store: string | null) => (store === '2001' ? 'America/New_York' : 'America/Los_Angeles');

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labels-'));
  prepareZXingModule({
    overrides: {
      wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer as ArrayBuffer,
    },
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bag labels', () => {
  it('makes one label per bag, with the store window in the store zone', () => {
    const labels = bagLabelsOf(orders, zoneOf);
    expect(labels.map((l) => `${l.orderId} ${l.bagNumber}/${l.bagCount}`)).toEqual([
      'LM0001234 1/3',
      'LM0001234 2/3',
      'LM0001234 3/3',
      'LM0005678 1/1',
    ]);
    expect(labels[0]!.window).toBe('Wed, Dec 2, 12:00 – 2:00 PM PST');
    expect(labels[3]!.window).toBe('Wed, Dec 2, 12:00 – 2:00 PM EST');
    expect(labels[3]!.bagLabel).toBe('LM0005678');
    expect(labels[3]!.lastName).toBe('');
  });

  it('renders a 4 x 6 in PDF whose pages say the label and whose barcode decodes to the order id', async () => {
    const file = join(dir, 'labels-4x6.pdf');
    writeFileSync(file, await labelsPdf(bagLabelsOf(orders, zoneOf), '4x6'));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+4/);
    expect(info).toMatch(/Page size:\s+288 x 432 pts/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('B-17');
    expect(text).toContain('bag 2 of 3');
    expect(text).toContain('O’Brien');
    expect(text).toContain('Store 1002');
    expect(text).toContain('12:00 – 2:00 PM PST');
    expect(text).toContain('12:00 – 2:00 PM EST');
    execFileSync('pdftoppm', ['-r', '150', '-png', file, join(dir, 'page')]);
    const pages = readdirSync(dir)
      .filter((name) => name.startsWith('page'))
      .sort();
    expect(pages).toHaveLength(4);
    const first = await readBarcodes(new Uint8Array(readFileSync(join(dir, pages[0]!))), { formats: ['Code128'] });
    expect(first.map((r) => r.text)).toEqual(['LM0001234']);
    const last = await readBarcodes(new Uint8Array(readFileSync(join(dir, pages[3]!))), { formats: ['Code128'] });
    expect(last.map((r) => r.text)).toEqual(['LM0005678']);
  });

  it('renders 2 x 1 in tags with a barcode that still decodes', async () => {
    const file = join(dir, 'labels-2x1.pdf');
    writeFileSync(file, await labelsPdf(bagLabelsOf(orders.slice(1), zoneOf), '2x1'));
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+144 x 72 pts/);
    execFileSync('pdftoppm', ['-r', '300', '-png', file, join(dir, 'tag')]);
    const tag = readdirSync(dir).find((name) => name.startsWith('tag'))!;
    const found = await readBarcodes(new Uint8Array(readFileSync(join(dir, tag))), { formats: ['Code128'] });
    expect(found.map((r) => r.text)).toEqual(['LM0005678']);
  });

  it('draws a character the PDF fonts lack as "?" instead of failing the file', async () => {
    const pdf = await labelsPdf(bagLabelsOf([order({ orderId: 'LM1', lastName: '王' })], zoneOf), '4x6');
    const file = join(dir, 'glyphs.pdf');
    writeFileSync(file, pdf);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('?');
  });
});

describe('ZPL', () => {
  it('writes the golden 4 x 6 label', () => {
    const [label] = bagLabelsOf([orders[0]!], zoneOf);
    expect(labelsZpl([label!], '4x6')).toBe(
      [
        '^XA',
        '^CI28',
        '^PW812',
        '^LL1218',
        '^FO40,40^A0N,80,80^FH^FDB-17^FS',
        '^FO40,140^A0N,56,56^FH^FDbag 1 of 3^FS',
        '^FO40,220^A0N,64,64^FH^FDO_E2_80_99Brien^FS',
        '^FO40,310^A0N,36,36^FH^FDStore 1002^FS',
        '^FO40,360^A0N,32,32^FH^FDWed, Dec 2, 12:00 _E2_80_93 2:00 PM PST^FS',
        '^FO40,880^BY3^BCN,200,N,N,N^FH^FDLM0001234^FS',
        '^FO40,1100^A0N,40,40^FH^FDLM0001234^FS',
        '^XZ',
      ].join('\n'),
    );
  });

  it('never lets a label end its field or start a command', () => {
    expect(zplField('^XZ~JA_x')).toBe('_5EXZ_7EJA_5Fx');
    expect(zplField('a\nb')).toBe('a_0Ab');
  });
});
