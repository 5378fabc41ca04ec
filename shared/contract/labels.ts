import { z } from 'zod';
import { environmentId, orderId } from './common';
import { channel } from './define';

/** A shift's labels at once; past this the file is split by the user (the core says so). */
export const MAX_LABEL_ORDERS = 1_000;

const labelRequest = z.strictObject({
  environmentId,
  orderIds: z
    .array(orderId)
    .min(1, 'Pick at least one order to print labels for.')
    .max(MAX_LABEL_ORDERS, `At most ${MAX_LABEL_ORDERS} orders at once: print them in parts.`),
  size: z.enum(['4x6', '2x1']).default('4x6'),
});

export interface LabelsPdf {
  /** The PDF file, base64-encoded (the contract carries JSON). */
  base64: string;
  labelCount: number;
}

export interface LabelsZpl {
  zpl: string;
  labelCount: number;
}

export const labelChannels = {
  /** Bag labels of cached orders as a PDF, one page per bag: bag label, barcode, last name, bag n of N, store, window. */
  'labels:pdf': channel<LabelsPdf>()(labelRequest),
  /** The same labels as raw ZPL II for thermal printers. */
  'labels:zpl': channel<LabelsZpl>()(labelRequest),
};
