import { z } from 'zod';
import { orderIdProblem } from '../order-id';
import { MAX_CSV_BASE64, MAX_CSV_BYTES, MAX_ORDER_ID } from '../limits';

/** ISO 8601 date-time with an offset or Z, as the API writes them. */
export const isoDateTime = z.iso.datetime({ offset: true });

/** The longest order id the console accepts; far above any retailer's, and small enough for a URL. */

/** An order id a create may leave blank: the console then makes one. */
export const orderIdOrBlank = z
  .string()
  .trim()
  .max(MAX_ORDER_ID, `An order id is at most ${MAX_ORDER_ID} characters: check that it is an order id.`)
  .superRefine((id, ctx) => {
    const problem = id === '' ? null : orderIdProblem(id);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const orderId = orderIdOrBlank.refine((id) => id !== '', 'Enter an order id.');

export const userId = z.string().trim().min(1, 'Enter a user id.').max(128, 'A user id is at most 128 characters.');

export const locationCode = z
  .string()
  .trim()
  .min(1, 'Enter a store location code.')
  .max(64, 'A location code is at most 64 characters.');

/** A whole CSV file as text (a paste); 20 MB is far above any real staging sheet or id list. */
export const csvText = z.string().max(MAX_CSV_BYTES, 'The CSV file is larger than 20 MB; split it.');

/**
 * A chosen file as its bytes, in base64: the core decodes it (UTF-8 or UTF-16, or a clear "save as UTF-8"),
 * where a page's File.text() would have put U+FFFD in place of every byte it could not read.
 */
export const csvFile = z.strictObject({
  kind: z.literal('csv-file'),
  name: z.string().min(1, 'Name the file.').max(255, 'A file name is at most 255 characters.'),
  base64: z
    .string()
    .max(MAX_CSV_BASE64, 'The CSV file is larger than 20 MB; split it.')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file was not sent as base64: choose it again.'),
});
export type CsvFile = z.infer<typeof csvFile>;

export const noInput = z.undefined();

/**
 * The environment a screen belongs to. Every environment-scoped channel carries it, and the core refuses
 * the call when it is not the selected one, so a screen left open across a switch never acts elsewhere.
 */
export const environmentId = z
  .string()
  .min(1, 'Name the environment.')
  .max(64, 'An environment id is at most 64 characters.');

/**
 * One problem on one line of an imported file. A list of them holds at most MAX_LINE_ERRORS (shared/limits);
 * past that its last entry counts the others (`omitted`), from its `line` on, by kind, in its message.
 */
export interface LineError {
  line: number;
  message: string;
  orderId?: string;
  omitted?: number;
}

export const jobId = z.string().min(1).max(64);

/** A CSV file the core wrote: at most MAX_EXPORT_ROWS rows, `omitted` counting the matches left out. */
export interface CsvExport {
  csv: string;
  rowCount: number;
  omitted: number;
}
