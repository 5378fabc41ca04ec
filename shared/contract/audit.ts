import { z } from 'zod';
import { MAX_PAGE_ROWS } from '../limits';
import type { CsvExport } from './common';
import { isoDateTime, orderId } from './common';
import { channel } from './define';

export interface AuditEntry {
  id: number;
  at: string;
  environmentId: string;
  /** e.g. order.create, order.update, order.stage, orders.import, environment.add */
  action: string;
  orderId: string | null;
  /** The request as sent, never with a secret in it. */
  request: unknown;
  outcome: 'ok' | 'error';
  /** The error's message and hint when the outcome is an error. */
  error: string | null;
}

export const auditFilters = z.strictObject({
  /** Only this environment's entries; every environment's when absent. */
  environmentId: z.string().min(1).max(64).optional(),
  action: z.string().max(64).optional(),
  orderId: orderId.optional(),
  outcome: z.enum(['ok', 'error']).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});

export const auditChannels = {
  'audit:list': channel<{ rows: AuditEntry[]; total: number }>()(
    auditFilters.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(MAX_PAGE_ROWS).default(100),
    }),
  ),
  'audit:export-csv': channel<CsvExport>()(z.strictObject({ filters: auditFilters })),
};
