import { z } from 'zod';
import { MAX_PAGE_ROWS } from '../limits';
import type { CsvExport } from './common';
import { isoDateTime, noInput, orderId } from './common';
import { channel } from './define';

/** One field a change set, as people read it: "tip", "$5.00", "$7.50". */
export interface AuditChange {
  field: string;
  /** null: not known to the console before (a tip Instacart's answers never gave), or nothing. */
  from: string | null;
  to: string | null;
}

/** Who the audit log names for this console's changes. */
export interface AgentView {
  /** The name entries are signed with now: the one set, or the computer's user name. */
  name: string;
  /** The name set in the console, or null when none is (the computer's user name is used). */
  saved: string | null;
  computerUser: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  environmentId: string;
  /** The environment's name when the entry was written; null for entries older than names. */
  environmentName: string | null;
  /** Who did it; null for entries older than names. */
  who: string | null;
  /** e.g. order.create, order.window, order.tip, order.details, order.cancel, order.stage, environment.add */
  action: string;
  /** What changed, field by field, before and after. */
  changes: AuditChange[];
  orderId: string | null;
  /** The request as sent, never with a secret in it. */
  request: unknown;
  outcome: 'ok' | 'error';
  /** The error's message and hint when the outcome is an error. */
  error: string | null;
  /** The agent's reason or ticket number for the change, when one was given. */
  note: string | null;
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
  'audit:agent': channel<AgentView>()(noInput),
  /** Sets the name audit entries are signed with; blank goes back to the computer's user name. */
  'audit:set-agent': channel<AgentView>()(
    z.strictObject({ name: z.string().max(80, 'A name is at most 80 characters.') }),
  ),
};
