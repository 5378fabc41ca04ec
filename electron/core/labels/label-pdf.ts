import bwipjs from 'bwip-js/node';
import type { PDFFont } from 'pdf-lib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { BagLabel } from './bag-labels';
import type { LabelSize } from './label-sizes';
import { LABEL_SIZES } from './label-sizes';

const POINTS_PER_INCH = 72;

/** The standard fonts encode WinAnsi only: a character they cannot draw becomes "?" rather than failing the file. */
function printable(font: PDFFont, text: string): string {
  let out = '';
  for (const char of text) {
    try {
      font.encodeText(char);
      out += char;
    } catch {
      out += '?';
    }
  }
  return out;
}

/** Shrinks text to fit a width, down to a floor, then cuts it with an ellipsis. */
function fitted(font: PDFFont, text: string, size: number, width: number): { text: string; size: number } {
  let current = size;
  while (current > 6 && font.widthOfTextAtSize(text, current) > width) current -= 0.5;
  let cut = text;
  while (cut.length > 1 && font.widthOfTextAtSize(cut, current) > width) cut = cut.slice(0, -2) + '…';
  return { text: cut, size: current };
}

async function barcodePng(orderId: string): Promise<Buffer> {
  // Code 128 carries any ASCII id; the scale keeps the narrowest bar at a few printer dots.
  return bwipjs.toBuffer({ bcid: 'code128', text: orderId, scale: 3, height: 12, includetext: false });
}

/** One page per label, of the chosen stock: bag label, barcode of the order id, last name, bag n of N, store and window. */
export async function labelsPdf(labels: readonly BagLabel[], size: LabelSize): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Bag labels');
  pdf.setCreator('Last Mile Console');
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const { widthIn, heightIn } = LABEL_SIZES[size];
  const width = widthIn * POINTS_PER_INCH;
  const height = heightIn * POINTS_PER_INCH;
  const barcodes = new Map<string, Awaited<ReturnType<PDFDocument['embedPng']>>>();
  const small = size === '2x1';
  const margin = small ? 6 : 18;
  const inner = width - 2 * margin;

  for (const label of labels) {
    let image = barcodes.get(label.orderId);
    if (!image) {
      image = await pdf.embedPng(await barcodePng(label.orderId));
      barcodes.set(label.orderId, image);
    }
    const page = pdf.addPage([width, height]);
    const line = (text: string, font: PDFFont, fontSize: number, y: number) => {
      const fit = fitted(font, printable(font, text), fontSize, inner);
      page.drawText(fit.text, { x: margin, y, size: fit.size, font });
    };
    const bags = `bag ${label.bagNumber} of ${label.bagCount}`;
    if (small) {
      line(`${label.bagLabel}  ${bags}`, bold, 8, height - margin - 7);
      const barHeight = 30;
      page.drawImage(image, { x: margin, y: margin + 8, width: inner, height: barHeight });
      line(`${label.orderId}  ${label.lastName}`, regular, 6, margin);
      continue;
    }
    let y = height - margin - 30;
    line(label.bagLabel, bold, 30, y);
    y -= 40;
    line(bags, bold, 20, y);
    y -= 30;
    if (label.lastName) {
      line(label.lastName, bold, 24, y);
      y -= 30;
    }
    line(`Store ${label.store}`, regular, 14, y);
    y -= 20;
    if (label.window) line(label.window, regular, 12, y);
    const barHeight = 90;
    page.drawImage(image, { x: margin, y: margin + 22, width: inner, height: barHeight });
    line(label.orderId, regular, 14, margin + 4);
  }
  return pdf.save();
}
