import { z } from 'zod';
import { orderIdProblem } from '../order-id';

/** ISO 8601 date-time with an offset or Z, as the API writes them. */
export const isoDateTime = z.iso.datetime({ offset: true });

/** The longest order id the console accepts; far above any retailer's, and small enough for a URL. */
export const MAX_ORDER_ID_LENGTH = 128;

/** An order id a create may leave blank: the console then makes one. */
export const orderIdOrBlank = z
  .string()
  .trim()
  .max(MAX_ORDER_ID_LENGTH, `An order id is at most ${MAX_ORDER_ID_LENGTH} characters: check that it is an order id.`)
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

/** A whole CSV file as text; 20 MB is far above any real staging sheet or id list. */
export const csvText = z.string().max(20_000_000, 'The CSV file is larger than 20 MB; split it.');

export const noInput = z.undefined();

/**
 * The environment a screen belongs to. Every environment-scoped channel carries it, and the core refuses
 * the call when it is not the selected one, so a screen left open across a switch never acts elsewhere.
 */
export const environmentId = z
  .string()
  .min(1, 'Name the environment.')
  .max(64, 'An environment id is at most 64 characters.');

/** One problem on one line of an imported file. */
export interface LineError {
  line: number;
  message: string;
  orderId?: string;
}

export const jobId = z.string().min(1).max(64);
