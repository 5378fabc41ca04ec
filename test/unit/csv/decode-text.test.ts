import { describe, expect, it } from 'vitest';
import { TextDecodingStream, decodeText, sniffEncoding } from '../../../electron/core/csv/decode-text';

const utf16le = (text: string, bom: boolean) => {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
};

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from('\uFEFForder_id\nCafé'))).toBe('order_id\nCafé');
    expect(decodeText(Buffer.from('order_id\nCafé'))).toBe('order_id\nCafé');
  });

  it('reads Excel\'s UTF-16 "Unicode Text", with or without its BOM', () => {
    expect(decodeText(utf16le('order_id\tbags\nA-1\t2', true))).toBe('order_id\tbags\nA-1\t2');
    expect(sniffEncoding(utf16le('order_id,bags', false)).encoding).toBe('utf-16le');
    expect(decodeText(utf16le('order_id,bags\nCafé,1', false))).toBe('order_id,bags\nCafé,1');
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('order_id', 'utf16le').swap16()]);
    expect(decodeText(be)).toBe('order_id');
  });

  it('refuses Latin-1 with a clear "save as UTF-8" instead of replacement characters', () => {
    const latin1 = Buffer.from('order_id,label\nA-1,Caf\xe9', 'latin1');
    expect(() => decodeText(latin1, 'The sheet')).toThrowError(/The sheet is not UTF-8 text/);
    try {
      decodeText(latin1);
    } catch (error) {
      expect((error as { appError: { code: string; hint: string } }).appError).toMatchObject({
        code: 'bad_encoding',
        hint: expect.stringContaining('CSV UTF-8'),
      });
    }
  });

  it('streams: a code point and a BOM split across chunks decode whole', () => {
    const bytes = Buffer.from('\uFEFFnom,ville\nZoë,Montréal\n');
    for (let cut = 1; cut < bytes.length; cut++) {
      const stream = new TextDecodingStream();
      const text = stream.write(bytes.subarray(0, cut)) + stream.write(bytes.subarray(cut)) + stream.end();
      expect(text).toBe('nom,ville\nZoë,Montréal\n');
    }
  });
});
