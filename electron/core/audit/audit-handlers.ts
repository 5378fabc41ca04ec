import type { Handlers } from '../../../shared/contract';
import { auditToCsv } from '../csv/csv-export';
import type { AuditLog } from './audit-log';

export type AuditChannel = 'audit:list' | 'audit:export-csv';

/** The audit log's list and export; an unusable cache answers why. */
export function auditHandlers(use: () => { audit: AuditLog }): Pick<Handlers, AuditChannel> {
  return {
    'audit:list': async (query) => use().audit.list(query),
    'audit:export-csv': async ({ filters }) => auditToCsv(use().audit.eachEntry(filters)),
  };
}
