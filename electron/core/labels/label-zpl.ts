import type { BagLabel } from './bag-labels';
import type { LabelSize } from './label-sizes';
import { LABEL_SIZES } from './label-sizes';

/** Thermal printers in stores print at 203 dots per inch unless told otherwise. */
const DPI = 203;

/**
 * A field's text for ^FH^FD: ZPL's command characters (^ and ~), the hex indicator (_) and every byte
 * outside printable ASCII are written as _XX, so a label's text can never end the field or start a
 * command; ^CI28 makes the bytes UTF-8.
 */
export function zplField(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const printableAscii = byte >= 0x20 && byte < 0x7f && byte !== 0x5e && byte !== 0x7e && byte !== 0x5f;
    out += printableAscii ? String.fromCharCode(byte) : `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const field = (x: number, y: number, font: string, text: string) => `^FO${x},${y}${font}^FH^FD${zplField(text)}^FS`;

/** Raw ZPL II, one label after another, for printers a PDF does not reach reliably. */
export function labelsZpl(labels: readonly BagLabel[], size: LabelSize): string {
  const { widthIn, heightIn } = LABEL_SIZES[size];
  const width = Math.round(widthIn * DPI);
  const height = Math.round(heightIn * DPI);
  return labels
    .map((label) => {
      const bags = `bag ${label.bagNumber} of ${label.bagCount}`;
      const lines =
        size === '2x1'
          ? [
              field(10, 8, '^A0N,24,24', `${label.bagLabel}  ${bags}`),
              `^FO10,40^BY2^BCN,80,N,N,N^FH^FD${zplField(label.orderId)}^FS`,
              field(10, 128, '^A0N,22,22', `${label.orderId}  ${label.lastName}`),
            ]
          : [
              field(40, 40, '^A0N,80,80', label.bagLabel),
              field(40, 140, '^A0N,56,56', bags),
              ...(label.lastName ? [field(40, 220, '^A0N,64,64', label.lastName)] : []),
              field(40, 310, '^A0N,36,36', `Store ${label.store}`),
              ...(label.window ? [field(40, 360, '^A0N,32,32', label.window)] : []),
              `^FO40,880^BY3^BCN,200,N,N,N^FH^FD${zplField(label.orderId)}^FS`,
              field(40, 1100, '^A0N,40,40', label.orderId),
            ];
      return ['^XA', '^CI28', `^PW${width}`, `^LL${height}`, ...lines, '^XZ'].join('\n');
    })
    .join('\n');
}
